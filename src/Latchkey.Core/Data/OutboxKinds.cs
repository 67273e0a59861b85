namespace Latchkey.Core.Data;

/// <summary>
/// The kinds of outbox message. Each is delivered after its change commits, retried with backoff until it succeeds;
/// a kind other than <see cref="Email"/> is delivered by the <c>IOutboxDelivery</c> registered for it.
/// </summary>
internal static class OutboxKinds
{
    public const string Email = "email";

    /// <summary>Close the account's open IMAP and SMTP connections (Dovecot's <c>doveadm kick</c>); <c>To</c> is its address.</summary>
    public const string DovecotKick = "dovecot_kick";
}
