using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;

namespace Latchkey.Core.Helpdesk;

/// <summary>
/// The gate in front of the audit log for its handlers: <see cref="AccessPolicy"/> decides
/// (<see cref="AdminAction.ReadAudit"/>: Administrators over all domains, and the CLI), and a refusal is itself
/// recorded (<see cref="AuditEventTypes.AccessDenied"/>, detail <see cref="RefusedDetail"/>).
/// </summary>
public sealed class AuditReaders(LatchkeyDbContext db, AuditLog auditLog)
{
    public const string RefusedDetail = "audit_log";

    /// <summary>Null when <paramref name="actor"/> may read the log; else the refusal, recorded and saved.</summary>
    public async Task<Failure?> CheckAsync(Actor actor, AuditContext context, CancellationToken cancellationToken)
    {
        if (AccessPolicy.CanDo(actor, AdminAction.ReadAudit) is not { } refused)
        {
            return null;
        }

        auditLog.Add(AuditEventTypes.AccessDenied, AuditEventTypes.Failure, context, detail: RefusedDetail);
        await db.SaveChangesAsync(cancellationToken);
        return refused;
    }
}
