using Microsoft.Extensions.Logging;

namespace Latchkey.Core.Passwords.Blocklist;

/// <summary>Log messages of the password blocklist: event ids 1180-1199. Never a password, nor a line of a list.</summary>
internal static partial class BlocklistLog
{
    [LoggerMessage(EventId = 1180, Level = LogLevel.Information, Message = "Imported a blocklist of {Entries} entries ({Format}) into {Path}")]
    public static partial void Imported(ILogger logger, long entries, BlocklistFileFormat format, string path);

    [LoggerMessage(EventId = 1181, Level = LogLevel.Information, Message = "Loaded the shipped blocklist of {Entries} common passwords")]
    public static partial void ShippedLoaded(ILogger logger, long entries);

    [LoggerMessage(EventId = 1182, Level = LogLevel.Information, Message = "Loaded the imported blocklist {Path} of {Entries} entries")]
    public static partial void ImportedLoaded(ILogger logger, string path, long entries);

    [LoggerMessage(EventId = 1183, Level = LogLevel.Error, Message = "The imported blocklist {Path} is unusable; only the shipped list is checked until it is imported again")]
    public static partial void ImportedUnusable(ILogger logger, Exception exception, string path);

    [LoggerMessage(EventId = 1184, Level = LogLevel.Information, Message = "The imported blocklist {Path} was removed; only the shipped list is checked")]
    public static partial void ImportedRemoved(ILogger logger, string path);
}
