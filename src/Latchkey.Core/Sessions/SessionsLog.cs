using Microsoft.Extensions.Logging;

namespace Latchkey.Core.Sessions;

/// <summary>Log messages of the Sessions feature: event ids 1202-1299 (1200-1201 are SignInLog's). Never a token, password or cookie.</summary>
internal static partial class SessionsLog
{
    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Session {SessionId} ended: {Reason}")]
    public static partial void SessionEnded(ILogger logger, Guid sessionId, string reason);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "Account {AccountId}: {Count} sessions ended")]
    public static partial void SessionsRevoked(ILogger logger, Guid accountId, int count);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Debug, Message = "Swept {Count} ended sessions")]
    public static partial void Swept(ILogger logger, int count);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Warning, Message = "Sweeping ended sessions failed")]
    public static partial void SweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Information, Message = "Listening for session revocations from other nodes")]
    public static partial void ListenerConnected(ILogger logger);

    [LoggerMessage(EventId = 1207, Level = LogLevel.Warning, Message = "Lost the revocation listener; session cache off until it reconnects")]
    public static partial void ListenerLost(ILogger logger, Exception exception);
}
