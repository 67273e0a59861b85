using Latchkey.Core.Data;

namespace Latchkey.Core.Oidc;

/// <summary>The issuer every token names: <c>Latchkey:Oidc:Issuer</c>, else <c>Latchkey:PublicUrl</c>, with a trailing slash.</summary>
public static class OidcIssuer
{
    public static string From(OidcOptions oidc, LatchkeyOptions latchkey)
    {
        ArgumentNullException.ThrowIfNull(oidc);
        ArgumentNullException.ThrowIfNull(latchkey);
        var issuer = string.IsNullOrWhiteSpace(oidc.Issuer) ? latchkey.PublicUrl : oidc.Issuer;
        return issuer.EndsWith('/') ? issuer : issuer + "/";
    }
}
