using Microsoft.Extensions.Logging;

namespace Latchkey.Core.Passwords;

/// <summary>Log messages of the Passwords feature: event ids 1000-1099. Never a password, hash or token.</summary>
internal static partial class PasswordsLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Account {AccountId} changed its password; {SessionsEnded} other sessions ended")]
    public static partial void PasswordChanged(ILogger logger, Guid accountId, int sessionsEnded);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Password change refused for account {AccountId}: {Code}")]
    public static partial void PasswordChangeRefused(ILogger logger, Guid accountId, string code);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "A queued password-reset request failed")]
    public static partial void ResetRequestFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Password-reset queue full; a request was dropped")]
    public static partial void ResetRequestDropped(ILogger logger);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "A password-reset request failed {Attempts} times and was given up")]
    public static partial void ResetRequestAbandoned(ILogger logger, int attempts);
}
