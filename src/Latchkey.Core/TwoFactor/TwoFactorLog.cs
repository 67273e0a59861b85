using Microsoft.Extensions.Logging;

namespace Latchkey.Core.TwoFactor;

/// <summary>Log messages of the TwoFactor feature: event ids 1700-1799. Never a code, secret, challenge or recovery code.</summary>
internal static partial class TwoFactorLog
{
    [LoggerMessage(EventId = 1700, Level = LogLevel.Information, Message = "Wrong second-factor code for account {AccountId} (challenge failures {Failures})")]
    public static partial void WrongCode(ILogger logger, Guid accountId, int failures);

    [LoggerMessage(EventId = 1701, Level = LogLevel.Information, Message = "Account {AccountId}: second factor {Method} added")]
    public static partial void Added(ILogger logger, Guid accountId, string method);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Information, Message = "Account {AccountId}: second factor {Method} removed")]
    public static partial void Removed(ILogger logger, Guid accountId, string method);

    [LoggerMessage(EventId = 1703, Level = LogLevel.Warning, Message = "Account {AccountId}: every second factor reset by {Actor}")]
    public static partial void Reset(ILogger logger, Guid accountId, string actor);

    [LoggerMessage(EventId = 1704, Level = LogLevel.Information, Message = "Passkey answer refused for account {AccountId}: {Reason}")]
    public static partial void PasskeyRefused(ILogger logger, Guid? accountId, string reason);
}
