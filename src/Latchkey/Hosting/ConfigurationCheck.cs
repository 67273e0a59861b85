using Latchkey.Core.Common;
using Latchkey.Core.Data;

namespace Latchkey.Hosting;

/// <summary>
/// At start, a warning for every key under <c>Latchkey:</c> that no options class reads (a typo such as
/// <c>Latchkey:Smtp:Hots</c> must not pass silently). The key is named, never its value, which may be a secret.
/// </summary>
internal static partial class ConfigurationCheck
{
    public const string LogCategory = "Latchkey.Configuration";

    public static IReadOnlyList<string> WarnAboutUnknownKeys(WebApplication app)
    {
        var unknown = ConfigurationKeys.Unknown(app.Configuration, typeof(LatchkeyOptions).Assembly, typeof(ConfigurationCheck).Assembly);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory);
        foreach (var key in unknown)
        {
            UnknownKey(logger, key);
        }

        return unknown;
    }

    [LoggerMessage(EventId = 9001, Level = LogLevel.Warning, Message = "Unknown configuration key {Key}: no setting of that name exists, so it has no effect (a typo?).")]
    private static partial void UnknownKey(ILogger logger, string key);
}
