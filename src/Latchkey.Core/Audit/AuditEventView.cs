using Latchkey.Core.Data;
namespace Latchkey.Core.Audit;

/// <summary>An audit event as the API, the page and the exports show it; <see cref="Hash"/> in lower-case hex.</summary>
public sealed record AuditEventView(
    long Id,
    long Sequence,
    DateTimeOffset OccurredAt,
    string Type,
    string Outcome,
    Guid? ActorId,
    string? ActorEmail,
    Guid? TargetId,
    string? TargetEmail,
    string? Ip,
    string? UserAgent,
    string? Detail,
    string Hash)
{
    public static AuditEventView From(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        return new AuditEventView(
            auditEvent.Id,
            auditEvent.Sequence,
            auditEvent.OccurredAt.ToUniversalTime(),
            auditEvent.Type,
            auditEvent.Outcome,
            auditEvent.ActorId,
            auditEvent.ActorEmail,
            auditEvent.TargetId,
            auditEvent.TargetEmail,
            auditEvent.Ip,
            auditEvent.UserAgent,
            auditEvent.Detail,
            AuditChain.ToHex(auditEvent.Hash));
    }
}
