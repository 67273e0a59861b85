using System.Security.Claims;
using Latchkey.Core.Data;
using Latchkey.Core.Oidc;
using Latchkey.Core.Sessions;
using Latchkey.Http;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Latchkey.Api.Oidc;

/// <summary>
/// The OpenID Connect token and end-session endpoints (OpenIddict validates the protocol first; these decide). The
/// token endpoint re-reads the account on every code exchange and refresh, so a disabled, locked or panel-less account
/// gets no new tokens and the claims follow role changes.
/// </summary>
internal static class ConnectEndpoints
{
    public static void MapConnectEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(OidcPaths.TokenPath, ExchangeAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapMethods(OidcPaths.EndSessionPath, [HttpMethods.Get, HttpMethods.Post], EndSessionAsync).AllowAnonymous().ExcludeFromDescription();
    }

    internal static async Task<IResult> ExchangeAsync(HttpContext context, LatchkeyDbContext db, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType())
        {
            return Refuse(Errors.UnsupportedGrantType, "Only the authorization code and refresh token grants are supported.");
        }

        var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (result.Principal?.GetClaim(Claims.Subject) is not { } subject || !Guid.TryParse(subject, out var accountId))
        {
            return Refuse(Errors.InvalidGrant, "The grant is no longer valid.");
        }

        var account = await db.Users.AsNoTracking().Include(a => a.Roles).SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null || account.Disabled || !account.PanelAccess || account.LockoutEnd > timeProvider.GetUtcNow())
        {
            return Refuse(Errors.InvalidGrant, "The account can no longer sign in.");
        }

        var identity = new ClaimsIdentity(result.Principal.Claims, OidcIdentity.AuthenticationType, Claims.Name, Claims.Role);
        OidcIdentity.Apply(identity, account, [.. account.Roles]);
        return Results.SignIn(new ClaimsPrincipal(identity), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>RP-initiated logout: ends this browser's Latchkey session, then returns to the client's post-logout URI.</summary>
    internal static async Task<IResult> EndSessionAsync(HttpContext context, SignOutHandler signOut, IOptions<LatchkeySessionOptions> options, CancellationToken cancellationToken)
    {
        if (CurrentSession.Get(context) is { IsApiToken: false } session)
        {
            await signOut.HandleAsync(session.AccountId, session.SessionId, CurrentSession.Audit(context), "oidc_end_session", cancellationToken);
            SessionCookie.Delete(context, options.Value);
        }

        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/login" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static IResult Refuse(string error, string description) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
