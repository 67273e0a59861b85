namespace Latchkey.Web.Tests.Authorization;

/// <summary>Who may call a route or page handler, as <see cref="RouteAuthorizationTests"/> lists and probes it.</summary>
public enum AccessRule
{
    /// <summary>No session needed (sign-in, password reset, Dovecot's policy with its own secret, health, documents).</summary>
    Anonymous,

    /// <summary>Any signed-in account, acting on itself only: the account id comes from the session, never the request.</summary>
    Self,

    /// <summary>The helpdesk's lists: Operator or more in some domain; a plain User is refused.</summary>
    Staff,

    /// <summary>Acts on the account in the route: refused to a User of its domain and to an Operator of another domain.</summary>
    Account,

    /// <summary>Acts in the domain in the route or body: refused to a User of that domain and to an Operator of another domain.</summary>
    Domain,

    /// <summary>Administrators over all domains only: refused to a User and to a Manager of a domain.</summary>
    Administrator,
}
