using Latchkey.Core.Data;
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
    DateTimeOffset GeneratedAt,
    int DoveadmPort = DovecotConfig.DefaultDoveadmPort)
{
    public const string MainFile = "dovecot.conf";
    public const string PasswordFile = "latchkey-passdb.conf.ext";
    public const string AppPasswordFile = "latchkey-app-passwords.conf.ext";
    public const string PreviousPasswordFile = "latchkey-previous-password.conf.ext";
    public const string PolicyUser = "dovecot";

    /// <summary>The doveadm HTTP API's port on 127.0.0.1 unless <c>--doveadm-port</c> says otherwise.</summary>
    public const int DefaultDoveadmPort = 8091;

    /// <summary>Where Latchkey calls the doveadm HTTP API (always loopback).</summary>
    public Uri DoveadmUrl => new($"http://127.0.0.1:{DoveadmPort.ToString(System.Globalization.CultureInfo.InvariantCulture)}/doveadm/v1");

    public string MailDirectory => Path.Combine(Directory, "mail");
}
