using Microsoft.Extensions.Logging;

namespace Latchkey.Core.Data;

/// <summary>Log messages of the Data feature: event ids 1900-1999.</summary>
internal static partial class DataLog
{
    [LoggerMessage(EventId = 1900, Level = LogLevel.Information, Message = "Applied schema script {Version} ({Name})")]
    public static partial void SchemaScriptApplied(ILogger logger, int version, string name);
}
