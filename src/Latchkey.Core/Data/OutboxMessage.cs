namespace Latchkey.Core.Data;

/// <summary>
/// One e-mail (or, by <see cref="Kind"/>, another after-commit call) waiting in, or delivered from, the outbox. It is written in the same transaction as the change it
/// reports and sent by <c>DeliverDueMessagesHandler</c> after that commits; a rolled-back change leaves no row.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    /// <summary>What delivering it means (<see cref="OutboxKinds"/>): an e-mail, or a call to another system.</summary>
    public string Kind { get; set; } = OutboxKinds.Email;

    public DateTimeOffset CreatedAt { get; set; }

    public string To { get; set; } = "";

    public string Subject { get; set; } = "";

    public string TextBody { get; set; } = "";

    public string HtmlBody { get; set; } = "";

    /// <summary>The bodies hold a token; they are blanked when the message is sent (subject, recipient and status stay).</summary>
    public bool CarriesSecret { get; set; }

    /// <summary>The <c>Message-ID</c> header, <c>&lt;id@domain&gt;</c>: the same on every attempt, so a receiver can drop a repeat.</summary>
    public string MessageId { get; set; } = "";

    /// <summary>Delivery attempts that ended, delivered or failed.</summary>
    public int Attempts { get; set; }

    /// <summary>Not tried again before this time (the backoff after a failure).</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>The dispatcher pass that holds the message; null when no one does.</summary>
    public Guid? ClaimToken { get; set; }

    /// <summary>The claim lapses at this time, so a node that died mid-send does not hold the message forever.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Why the last attempt failed: an exception type and a status code, never a server's text or a secret.</summary>
    public string? LastError { get; set; }
}
