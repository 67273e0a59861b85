using Microsoft.Extensions.Logging;

namespace Latchkey.Core.Lockout;

/// <summary>Log messages of the Lockout feature: event ids 1300-1399. Never a password, pwhash or hash.</summary>
internal static partial class LockoutLog
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Warning, Message = "Account {AccountId} locked after {Failures} distinct failed logins, until {Until:u} (lock {Level})")]
    public static partial void Locked(ILogger logger, Guid accountId, int failures, DateTimeOffset until, int level);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Account {AccountId} unlocked")]
    public static partial void Unlocked(ILogger logger, Guid accountId);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "Account {AccountId}: a device at {Ip} over {Protocol} still uses the previous password")]
    public static partial void StaleDeviceSeen(ILogger logger, Guid accountId, string ip, string protocol);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Debug, Message = "Swept {Count} old failed logins")]
    public static partial void Swept(ILogger logger, int count);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Warning, Message = "Sweeping old failed logins failed")]
    public static partial void SweepFailed(ILogger logger, Exception exception);
}
