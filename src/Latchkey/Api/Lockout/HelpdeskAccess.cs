using Latchkey.Core.Accounts;
using Latchkey.Core.Common;
using Latchkey.Hosting;

namespace Latchkey.Api.Lockout;

/// <summary>
/// Who may act on another account's lock. For now only global Administrators; to be replaced by the general
/// role-boundary check (an Operator or Manager within their domains, never on a higher role).
/// </summary>
internal static class HelpdeskAccess
{
    public static Failure? Check(HttpContext context, Guid targetAccountId)
    {
        var session = CurrentSession.Required(context);
        return session.Roles.Any(r => r.Role == Role.Administrator && r.Domain is null)
            ? null
            : new Failure(ErrorCodes.Forbidden, $"Only an administrator may do this for account {targetAccountId}.");
    }
}
