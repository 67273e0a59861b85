using Microsoft.Extensions.Logging;

namespace Latchkey.Core.Notifications;

/// <summary>
/// Log messages of the Notifications feature: event ids 1600-1699. Messages are named by their Message-ID only:
/// never a recipient's password, a link, a subject or a body.
/// </summary>
internal static partial class NotificationsLog
{
    [LoggerMessage(EventId = 1600, Level = LogLevel.Information, Message = "Delivered e-mail {MessageId} on attempt {Attempt}")]
    public static partial void Delivered(ILogger logger, string messageId, int attempt);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Warning, Message = "Delivery of e-mail {MessageId} failed on attempt {Attempt} ({Error}); next attempt at {NextAttemptAt:u}")]
    public static partial void DeliveryFailed(ILogger logger, string messageId, int attempt, string error, DateTimeOffset nextAttemptAt);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Debug, Message = "E-mail {MessageId} was claimed by another dispatcher; skipped")]
    public static partial void ClaimLost(ILogger logger, string messageId);

    [LoggerMessage(EventId = 1603, Level = LogLevel.Error, Message = "Outbox pass failed; the dispatcher tries again in {PollInterval}")]
    public static partial void PassFailed(ILogger logger, Exception exception, TimeSpan pollInterval);

    [LoggerMessage(EventId = 1604, Level = LogLevel.Information, Message = "Deleted {Count} delivered e-mails older than {Age}")]
    public static partial void Purged(ILogger logger, int count, TimeSpan age);

    [LoggerMessage(EventId = 1605, Level = LogLevel.Warning, Message = "E-mail {MessageId} was accepted by the transport but could not be marked sent; it will be delivered once more")]
    public static partial void NotMarkedSent(ILogger logger, Exception exception, string messageId);
}
