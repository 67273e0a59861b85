namespace Latchkey.Core.Data;

/// <summary>
/// One failed login, from the web sign-in or from Dovecot's policy report. <see cref="PwHash"/> is Dovecot's
/// 12-bit <c>pwhash</c> of the password tried: enough to see the same wrong password repeated (one in 4096 strings
/// share it), far too little to learn anything about the password.
/// </summary>
public sealed class LoginFailure
{
    public long Id { get; set; }

    /// <summary>Null when the login names no account (counted per IP only).</summary>
    public Guid? AccountId { get; set; }

    public string Login { get; set; } = "";

    public string Ip { get; set; } = "";

    /// <summary><c>web</c>, or Dovecot's service name: <c>imap</c>, <c>submission</c>, <c>pop3</c> ….</summary>
    public string Protocol { get; set; } = "";

    public string PwHash { get; set; } = "";

    /// <summary>Empty for an unknown source; a browser's device id or <c>KnownMailSources.Marker</c> for a known one.</summary>
    public string TrustedSource { get; set; } = "";

    public DateTimeOffset OccurredAt { get; set; }
}
