using Microsoft.Extensions.Logging;

namespace Latchkey.Core.Mailboxes;

/// <summary>
/// Log messages of the Mailboxes feature: event ids 1400-1499. Never a password, app password, pwhash, policy
/// secret or nonce.
/// </summary>
internal static partial class MailboxesLog
{
    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "Refused a {Protocol} login for {Login} from {Ip}: {Reason}")]
    public static partial void LoginRefused(ILogger logger, string protocol, string login, string ip, string reason);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Refused a Dovecot policy request from {Ip}: {Reason}")]
    public static partial void PolicyRequestRefused(ILogger logger, string ip, string reason);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Information, Message = "Wrote a Dovecot configuration for the {Provider} store to {Directory}")]
    public static partial void ConfigWritten(ILogger logger, string provider, string directory);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Information, Message = "Closed the mail connections of {Login} through doveadm kick ({Answer})")]
    public static partial void Kicked(ILogger logger, string login, string answer);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Warning, Message = "Did not close the mail connections of {Login}: no doveadm API is configured (run latchkey dovecot config)")]
    public static partial void KickSkipped(ILogger logger, string login);
}
