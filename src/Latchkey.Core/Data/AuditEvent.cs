namespace Latchkey.Core.Data;

/// <summary>One thing that happened: who did what to whom, from where, and whether it worked.</summary>
/// <remarks>
/// Rows are only ever inserted. <see cref="Sequence"/> and <see cref="Hash"/> link each event to the one before it
/// (<c>AuditChain</c>); <c>AuditChainInterceptor</c> sets them when the event is saved.
/// </remarks>
public sealed class AuditEvent
{
    /// <summary>The row's key. Not part of the chain: <see cref="Sequence"/> is the event's position.</summary>
    public long Id { get; set; }

    /// <summary>1, 2, 3 … in the order events were committed, without gaps.</summary>
    public long Sequence { get; set; }

    /// <summary>HMAC-SHA256 (SHA-256 before schema version 18) over the previous event's hash and this event's fields (<c>AuditChain</c>).</summary>
    public byte[] Hash { get; set; } = [];

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>One of <c>AuditEventTypes</c>.</summary>
    public string Type { get; set; } = "";

    /// <summary><c>success</c> or <c>failure</c>.</summary>
    public string Outcome { get; set; } = "";

    public Guid? ActorId { get; set; }

    public string? ActorEmail { get; set; }

    public Guid? TargetId { get; set; }

    public string? TargetEmail { get; set; }

    public string? Ip { get; set; }

    public string? UserAgent { get; set; }

    /// <summary>A short machine-readable reason (an error code), never a secret.</summary>
    public string? Detail { get; set; }
}
