using System.Collections.Immutable;
using System.Security.Claims;
using Latchkey.Core.Data;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Latchkey.Core.Oidc;

/// <summary>
/// The claims Latchkey puts in tokens for an account, read afresh at every sign-in and refresh: <c>sub</c> (the
/// account id), <c>email</c>, <c>email_verified</c> (addresses are assigned by administrators), <c>name</c> and
/// <c>roles</c> (<c>Administrator</c>, or <c>Role:domain</c> for a role in one domain). Everything goes to the
/// ID token and the access token, with <c>sid</c> (<see cref="SessionIdClaim"/>), the Latchkey session the grant came
/// from, set once at the authorization endpoint and kept through every refresh.
/// </summary>
public static class OidcIdentity
{
    public const string AuthenticationType = "Latchkey.Oidc";

    /// <summary>OpenID Connect Back-Channel Logout 1.0 <c>sid</c>: the Latchkey session id; logout tokens carry the same.</summary>
    public const string SessionIdClaim = "sid";

    public static ClaimsIdentity Create(Account account, IReadOnlyList<RoleAssignment> roles, Guid? sessionId = null)
    {
        var identity = new ClaimsIdentity(AuthenticationType, Claims.Name, Claims.Role);
        if (sessionId is { } sid)
        {
            identity.SetClaim(SessionIdClaim, sid.ToString());
        }

        return Apply(identity, account, roles);
    }

    public static ClaimsIdentity Apply(ClaimsIdentity identity, Account account, IReadOnlyList<RoleAssignment> roles)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(roles);
        identity.SetClaim(Claims.Subject, account.Id.ToString());
        identity.SetClaim(Claims.Email, account.Email);
        identity.SetClaim(Claims.EmailVerified, true);
        identity.SetClaim(Claims.Name, account.Email);
        identity.SetClaims("roles", [.. roles.Select(Describe).Distinct(StringComparer.Ordinal)]);
        identity.SetDestinations(claim => claim.Type switch
        {
            Claims.Subject or Claims.Email or Claims.EmailVerified or Claims.Name or "roles" or SessionIdClaim => [Destinations.IdentityToken, Destinations.AccessToken],
            _ => [Destinations.AccessToken],
        });
        return identity;
    }

    public static string Describe(RoleAssignment role)
    {
        ArgumentNullException.ThrowIfNull(role);
        return role.Domain is null ? role.Role.ToString() : $"{role.Role}:{role.Domain}";
    }

    /// <summary>The scopes a client may ask for.</summary>
    public static ImmutableArray<string> SupportedScopes { get; } = [Scopes.OpenId, Scopes.Email, Scopes.Profile, Scopes.Roles, Scopes.OfflineAccess];
}
