using Latchkey.Core.Accounts;
using Latchkey.Core.Sessions;

namespace Latchkey.Core.Audit;

/// <summary>
/// Who may read the audit log: Administrators over all domains (a role held with no domain), nobody else. The rule
/// lives here alone, so the role-boundary authorization can take it over in one place.
/// </summary>
public static class AuditAccess
{
    public static bool IsAllowed(AuthenticatedSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Roles.Any(r => r.Role == Role.Administrator && r.Domain is null);
    }
}
