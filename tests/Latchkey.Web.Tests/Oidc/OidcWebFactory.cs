using Latchkey.Web.Tests.Infrastructure;

namespace Latchkey.Web.Tests.Oidc;

/// <summary>The host with the OpenID Connect provider reachable over plain HTTP at the test client's address.</summary>
public class OidcWebFactory : LatchkeyWebFactory
{
    public const string Issuer = "http://localhost/";

    public OidcWebFactory()
    {
        Settings["Latchkey:Oidc:RequireHttps"] = "false";
        Settings["Latchkey:Oidc:Issuer"] = Issuer;
    }
}
