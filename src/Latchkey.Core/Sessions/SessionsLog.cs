using Microsoft.Extensions.Logging;

namespace Latchkey.Core.Sessions;

/// <summary>Log messages of the Sessions feature: event ids 1200-1299. Never a token, password or cookie.</summary>
internal static partial class SessionsLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Account {AccountId} signed in, session {SessionId}")]
    public static partial void SignedIn(ILogger logger, Guid accountId, Guid sessionId);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Sign-in refused for account {AccountId}: {Reason}")]
    public static partial void SignInRefused(ILogger logger, Guid? accountId, string reason);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Session {SessionId} ended: {Reason}")]
    public static partial void SessionEnded(ILogger logger, Guid sessionId, string reason);
}
