using Microsoft.Extensions.Logging;

namespace Latchkey.Core.Oidc;

internal static partial class OidcLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Back-channel logout token delivered to client {ClientId} (attempt {Attempt}, {Milliseconds:F0} ms after the revocation).")]
    public static partial void LogoutDelivered(ILogger logger, string clientId, int attempt, double milliseconds);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Back-channel logout to client {ClientId} failed (attempt {Attempt}: {Error}); next try at {NextAttemptAt:O}.")]
    public static partial void LogoutFailed(ILogger logger, string clientId, int attempt, string error, DateTimeOffset nextAttemptAt);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "A back-channel logout pass failed; the tokens stay owed.")]
    public static partial void PassFailed(ILogger logger, Exception exception);
}
