using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Latchkey.Core.Oidc;

/// <summary>
/// Registers a confidential client for the authorization code flow with PKCE (S256) and refresh tokens. Global
/// Administrators only (and the CLI). Redirect URIs must be absolute https, or http on a loopback address; the secret is
/// random (32 bytes) and returned once. First-party clients skip the consent screen.
/// </summary>
public sealed class RegisterClientHandler(LatchkeyDbContext db, IOpenIddictApplicationManager applications, AuditLog auditLog)
{
    public async Task<Result<RegisteredClient>> HandleAsync(RegisterClientCommand command, Actor actor, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(context);
        if (AccessPolicy.CanDo(actor, AdminAction.ManageClients) is { } refused)
        {
            return refused;
        }

        var name = command.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100 || name.Any(char.IsControl))
        {
            return Failure.Field(ErrorCodes.Validation, "name", "Name the client (the app's name users will see), in at most 100 characters.");
        }

        if (command.RedirectUris.Count == 0 || command.RedirectUris.Any(u => !IsAcceptable(u)))
        {
            return Failure.Field(ErrorCodes.Validation, "redirectUri", "Give at least one redirect URI: absolute https (http only on 127.0.0.1, ::1 or localhost), without a fragment.");
        }

        foreach (var (field, uri) in new[] { ("postLogoutRedirectUri", command.PostLogoutRedirectUri), ("backchannelLogoutUri", command.BackchannelLogoutUri) })
        {
            if (uri is not null && !IsAcceptable(uri))
            {
                return Failure.Field(ErrorCodes.Validation, field, "The URI must be absolute https (http only on a loopback address), without a fragment.");
            }
        }

        var clientId = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12));
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            ConsentType = command.FirstParty ? ConsentTypes.Implicit : ConsentTypes.Explicit,
            DisplayName = name,
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Email,
                Permissions.Scopes.Profile,
                Permissions.Scopes.Roles,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var uri in command.RedirectUris)
        {
            descriptor.RedirectUris.Add(new Uri(uri));
        }

        if (command.PostLogoutRedirectUri is { } postLogout)
        {
            descriptor.PostLogoutRedirectUris.Add(new Uri(postLogout));
        }

        if (command.BackchannelLogoutUri is { } backchannel)
        {
            descriptor.Properties[OidcClientProperties.BackchannelLogoutUri] = JsonSerializer.SerializeToElement(backchannel);
        }

        descriptor.Properties[OidcClientProperties.FirstParty] = JsonSerializer.SerializeToElement(command.FirstParty ? "true" : "false");
        await applications.CreateAsync(descriptor, cancellationToken);
        auditLog.Add(AuditEventTypes.OidcClientRegistered, AuditEventTypes.Success, context, detail: $"{clientId} {name}");
        await db.SaveChangesAsync(cancellationToken);
        return Result<RegisteredClient>.Ok(new RegisteredClient(clientId, secret, name));
    }

    public static bool IsAcceptable(string? uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed)
        && string.IsNullOrEmpty(parsed.Fragment)
        && (parsed.Scheme == Uri.UriSchemeHttps || (parsed.Scheme == Uri.UriSchemeHttp && parsed.IsLoopback));
}
