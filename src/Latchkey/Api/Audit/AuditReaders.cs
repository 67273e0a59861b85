using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Latchkey.Hosting;

namespace Latchkey.Api.Audit;

/// <summary>
/// The gate in front of the audit log, for the API and the page alike: <see cref="AuditAccess"/> decides, and a
/// refusal is itself recorded (<see cref="AuditEventTypes.AccessDenied"/>, detail <c>audit_log</c>).
/// </summary>
internal static class AuditReaders
{
    public const string RefusedDetail = "audit_log";

    public static async Task<bool> AllowAsync(HttpContext context, AuditLog auditLog, LatchkeyDbContext db, CancellationToken cancellationToken)
    {
        if (AuditAccess.IsAllowed(CurrentSession.Required(context)))
        {
            return true;
        }

        auditLog.Add(AuditEventTypes.AccessDenied, AuditEventTypes.Failure, CurrentSession.Audit(context), detail: RefusedDetail);
        await db.SaveChangesAsync(cancellationToken);
        return false;
    }
}
