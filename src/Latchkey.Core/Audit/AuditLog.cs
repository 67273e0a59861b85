using Latchkey.Core.Common;
using Latchkey.Core.Data;

namespace Latchkey.Core.Audit;

/// <summary>
/// Adds audit events to the caller's unit of work, so an event commits or rolls back with the change it records.
/// </summary>
/// <remarks>
/// The event gets its place in the hash chain when the caller saves (<see cref="AuditChainInterceptor"/>, which
/// needs <c>SaveChangesAsync</c>). From that save to the commit, other audit writers wait, so add events last in a
/// unit of work, just before the save and the commit.
/// </remarks>
public sealed class AuditLog(LatchkeyDbContext db, TimeProvider timeProvider)
{
    public AuditEvent Add(string type, string outcome, AuditContext context, Guid? targetId = null, string? targetEmail = null, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var auditEvent = new AuditEvent
        {
            OccurredAt = timeProvider.GetUtcNow(),
            Type = type,
            Outcome = outcome,
            ActorId = context.ActorId,
            ActorEmail = context.ActorEmail,
            TargetId = targetId,
            TargetEmail = targetEmail,
            Ip = context.Ip,
            UserAgent = Truncate(context.UserAgent, 512),
            Detail = detail,
        };
        db.AuditEvents.Add(auditEvent);
        return auditEvent;
    }

    /// <summary>
    /// Records a refusal by the role boundaries (<see cref="AuditEventTypes.Forbidden"/>) and saves it at once, so the
    /// refusal is on record even though the change it refused never happens; returns the refusal to answer with.
    /// </summary>
    public async Task<Failure> RefusedAsync(Failure refusal, AuditContext context, Guid? targetId, string? targetEmail, string action, CancellationToken cancellationToken)
    {
        Add(AuditEventTypes.Forbidden, AuditEventTypes.Failure, context, targetId, targetEmail, action);
        await db.SaveChangesAsync(cancellationToken);
        return refusal;
    }

    private static string? Truncate(string? value, int length) =>
        value is { Length: > 0 } && value.Length > length ? value[..length] : value;
}
