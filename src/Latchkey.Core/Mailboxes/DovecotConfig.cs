namespace Latchkey.Core.Mailboxes;

/// <summary>
/// Everything the generated Dovecot 2.3 configuration depends on. <see cref="ServiceUser"/> is set when Dovecot is
/// to run without root: its internal and login processes then run as that user (the one Latchkey runs as, so the
/// SQLite file and its WAL stay shared). When null, Dovecot (started as root) uses its packaged users.
/// </summary>
public sealed record DovecotConfig(
    string Directory,
    string Listen,
    int ImapPort,
    int SubmissionPort,
    Uri PolicyUrl,
    DovecotPolicySecret PolicySecret,
    DovecotStoreConnection Store,
    string MailUser,
    string MailGroup,
    string? ServiceUser,
    string? ServiceGroup,
    TimeSpan AuthFailureDelay,
    TimeSpan PolicyTimeout,
    DateTimeOffset GeneratedAt)
{
    public const string MainFile = "dovecot.conf";
    public const string PasswordFile = "latchkey-passdb.conf.ext";
    public const string AppPasswordFile = "latchkey-app-passwords.conf.ext";
    public const string PreviousPasswordFile = "latchkey-previous-password.conf.ext";
    public const string PolicyUser = "dovecot";

    public string MailDirectory => Path.Combine(Directory, "mail");
}
