using System.ComponentModel.DataAnnotations;

namespace Latchkey.Core.Notifications;

/// <summary>
/// <c>Latchkey:Outbox</c>: how the dispatcher drains the outbox. Every <see cref="PollInterval"/> (default 5 s) it
/// claims up to <see cref="BatchSize"/> due messages (default 10) for <see cref="ClaimLease"/> (default 10 min, always
/// longer than an SMTP attempt may take). A failed message waits <see cref="FirstRetryDelay"/> (default 5 s), doubling
/// after each further failure up to <see cref="MaxRetryDelay"/> (default 15 min), each wait shortened by up to a fifth
/// at random so that nodes do not retry in step; it is retried until delivered, never dropped. Delivered messages are
/// deleted after <see cref="KeepSentFor"/> (default 7 days).
/// </summary>
public sealed class OutboxOptions : IValidatableObject
{
    public const string SectionName = "Latchkey:Outbox";

    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    [Range(1, 100)]
    public int BatchSize { get; set; } = 10;

    /// <summary>At least 5 min: more than the longest <see cref="SmtpOptions.Timeout"/>, so a send in progress keeps its claim.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "1.00:00:00")]
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(10);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(15);

    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan KeepSentFor { get; set; } = TimeSpan.FromDays(7);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxRetryDelay < FirstRetryDelay)
        {
            yield return new ValidationResult("Latchkey:Outbox:MaxRetryDelay must not be shorter than FirstRetryDelay.", [nameof(MaxRetryDelay)]);
        }
    }
}
