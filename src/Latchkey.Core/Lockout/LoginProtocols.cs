namespace Latchkey.Core.Lockout;

/// <summary>
/// The protocol names failed logins and stale devices are counted under. Dovecot's arrive as it sends them
/// (<c>imap</c>, <c>submission</c>, <c>pop3</c> …); Latchkey's own sign-ins (password, second step, passkey) are
/// <see cref="Web"/>.
/// </summary>
internal static class LoginProtocols
{
    /// <summary>The web panel and the REST API's sign-in.</summary>
    public const string Web = "web";
}
