namespace Latchkey.Core.Mailboxes;

/// <summary>
/// The answer to Dovecot's <c>allow</c>: <see cref="Status"/> 0 = go on, a positive number = wait that many seconds
/// first, -1 = refuse, showing <see cref="Message"/> to the client (IMAP <c>[ALERT]</c>).
/// </summary>
public sealed record MailLoginVerdict(int Status, string Message)
{
    public static MailLoginVerdict Allow { get; } = new(0, "");
}
