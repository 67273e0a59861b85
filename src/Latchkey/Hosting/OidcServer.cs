using Latchkey.Core.Data;
using Latchkey.Core.Oidc;
using Latchkey.Http;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Latchkey.Hosting;

/// <summary>
/// The OpenID Connect provider on OpenIddict: authorization code with PKCE (S256 only), refresh tokens rotated on
/// every use with no reuse leeway (a reused refresh token revokes its whole grant), discovery and JWKS at their
/// well-known addresses, keys from the store (<see cref="OidcKeyRing"/>), never development certificates. Users sign
/// in on Latchkey's own /login; the endpoints are <see cref="OidcPaths.AuthorizePath"/> (a Razor Page, with consent),
/// <see cref="OidcPaths.TokenPath"/> and <see cref="OidcPaths.EndSessionPath"/>.
/// </summary>
internal static class OidcServer
{
    public static void AddLatchkeyOidcServer(this IServiceCollection services)
    {
        services.AddOpenIddict().AddServer(server =>
        {
            server.SetAuthorizationEndpointUris(OidcPaths.AuthorizePath).SetTokenEndpointUris(OidcPaths.TokenPath).SetEndSessionEndpointUris(OidcPaths.EndSessionPath);
            server.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow().RequireProofKeyForCodeExchange();
            server.SetRefreshTokenReuseLeeway(TimeSpan.Zero);
            server.RegisterScopes([.. OidcIdentity.SupportedScopes]);
            server.RegisterClaims(Claims.Subject, Claims.Email, Claims.EmailVerified, Claims.Name, "roles");
            server.AddEventHandler<OpenIddictServerEvents.HandleConfigurationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                // Logout tokens (DeliverLogoutTokensHandler) carry sub and the sid the client's ID tokens carry.
                context.Metadata["backchannel_logout_supported"] = true;
                context.Metadata["backchannel_logout_session_supported"] = true;
                return default;
            }));
            server.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough().EnableEndSessionEndpointPassthrough();
        });
        services.AddOptions<OpenIddictServerOptions>().Configure<IServiceScopeFactory, IOptions<OidcOptions>, IOptions<LatchkeyOptions>>((server, scopes, oidc, latchkey) =>
        {
            server.Issuer = new Uri(OidcIssuer.From(oidc.Value, latchkey.Value));
            server.AccessTokenLifetime = oidc.Value.AccessTokenLifetime;
            server.RefreshTokenLifetime = oidc.Value.RefreshTokenLifetime;
            server.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain);

            // Read once per process, when the first request reaches OpenIddict (the schema is in place by then).
            using var scope = scopes.CreateScope();
            var ring = scope.ServiceProvider.GetRequiredService<OidcKeyRing>();
            foreach (var key in ring.KeysAsync(OidcKey.Signing).GetAwaiter().GetResult())
            {
                server.SigningCredentials.Add(new SigningCredentials(key, SecurityAlgorithms.RsaSha256));
            }

            foreach (var key in ring.KeysAsync(OidcKey.Encryption).GetAwaiter().GetResult())
            {
                server.EncryptionCredentials.Add(new EncryptingCredentials(key, SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
            }
        });
        services.AddOptions<OpenIddictServerAspNetCoreOptions>().Configure<IOptions<OidcOptions>>((aspNet, oidc) =>
            aspNet.DisableTransportSecurityRequirement = !oidc.Value.RequireHttps);
        services.AddHostedService<OidcLogoutDispatcher>();
        services.AddSingleton<OidcKeyRotation>();
        services.AddHostedService(provider => provider.GetRequiredService<OidcKeyRotation>());
    }
}
