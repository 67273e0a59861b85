namespace Latchkey.Core.Audit;

/// <summary>One thing that happened: who did what to whom, from where, and whether it worked.</summary>
public sealed class AuditEvent
{
    public long Id { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>One of <see cref="AuditEventTypes"/>.</summary>
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
