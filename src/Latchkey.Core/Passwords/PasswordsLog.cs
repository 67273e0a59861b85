using Microsoft.Extensions.Logging;

namespace Latchkey.Core.Passwords;

/// <summary>Log messages of the Passwords feature: event ids 1000-1099. Never a password, hash or token.</summary>
internal static partial class PasswordsLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Account {AccountId} changed its password; {SessionsEnded} other sessions ended")]
    public static partial void PasswordChanged(ILogger logger, Guid accountId, int sessionsEnded);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Password change refused for account {AccountId}: {Code}")]
    public static partial void PasswordChangeRefused(ILogger logger, Guid accountId, string code);
}
