namespace Latchkey.Http;

/// <summary>
/// The OpenID Connect provider's own addresses, shared by the server's set-up (Hosting/OidcServer), its endpoints
/// (Api/Oidc) and the consent page (Pages/Connect).
/// </summary>
internal static class OidcPaths
{
    public const string AuthorizePath = "/connect/authorize";
    public const string TokenPath = "/connect/token";
    public const string EndSessionPath = "/connect/logout";
}
