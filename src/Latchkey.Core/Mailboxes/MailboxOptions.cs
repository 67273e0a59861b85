using System.ComponentModel.DataAnnotations;

namespace Latchkey.Core.Mailboxes;

/// <summary>
/// <c>Latchkey:Mailboxes</c>. <see cref="MaxAppPasswords"/> per account (default 20). For the Dovecot configuration
/// <c>latchkey dovecot config</c> writes: <see cref="PolicyUrl"/>, the address Dovecot reaches this server's policy
/// endpoint at (default: the server's own listening address, then <c>http://127.0.0.1:5080</c>);
/// <see cref="AuthFailureDelay"/>, how long Dovecot waits before answering a failed login (default 2 s, Dovecot's
/// own default); <see cref="PolicyTimeout"/>, how long Dovecot waits for the policy endpoint before going on
/// without it (default 1 s).
/// </summary>
public sealed class MailboxOptions
{
    public const string SectionName = "Latchkey:Mailboxes";

    [Range(1, 1000)]
    public int MaxAppPasswords { get; set; } = 20;

    [Url]
    public string? PolicyUrl { get; set; }

    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan AuthFailureDelay { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:30")]
    public TimeSpan PolicyTimeout { get; set; } = TimeSpan.FromSeconds(1);
}
