using Latchkey.Core.Sessions;

namespace Latchkey.Http;

/// <summary>The authenticated session of a request, as the session authentication handler (Hosting/SessionAuthenticationHandler) found it.</summary>
internal static class CurrentSession
{
    public static AuthenticatedSession? Get(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<AuthenticatedSession>();
    }

    public static AuthenticatedSession Required(HttpContext context) =>
        Get(context) ?? throw new InvalidOperationException("The endpoint requires authorization but has no session.");

    /// <summary>The signed-in person as the <see cref="Core.Access.AccessPolicy"/> sees them.</summary>
    public static Core.Access.Actor Actor(HttpContext context)
    {
        var session = Required(context);
        return new Core.Access.Actor(session.AccountId, session.Email, session.Roles) { SessionId = session.SessionId };
    }

    public static Latchkey.Core.Audit.AuditContext Audit(HttpContext context)
    {
        var session = Get(context);
        return new Latchkey.Core.Audit.AuditContext(session?.AccountId, session?.Email, RequestInfo.Ip(context), RequestInfo.UserAgent(context));
    }
}
