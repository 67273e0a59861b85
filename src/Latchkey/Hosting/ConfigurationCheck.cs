using Latchkey.Core.Common;
using Latchkey.Core.Data;

namespace Latchkey.Hosting;

/// <summary>
/// At start, a warning for every key under <c>Latchkey:</c> that no options class reads (a typo such as
/// <c>Latchkey:Smtp:Hots</c> must not pass silently), and one for a deprecated key still read
/// (<see cref="PublicUrlSetting.DeprecatedKey"/>). The key is named, never its value, which may be a secret.
/// </summary>
internal static partial class ConfigurationCheck
{
    public const string LogCategory = "Latchkey.Configuration";

    public static IReadOnlyList<string> WarnAboutUnknownKeys(WebApplication app)
    {
        var unknown = ConfigurationKeys.Unknown(app.Configuration, typeof(LatchkeyOptions).Assembly, typeof(ConfigurationCheck).Assembly)
            .Where(key => !string.Equals(key, PublicUrlSetting.DeprecatedKey, StringComparison.OrdinalIgnoreCase)).ToList();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory);
        if (PublicUrlSetting.UsesDeprecatedKey(app.Configuration))
        {
            DeprecatedKey(logger, PublicUrlSetting.DeprecatedKey, PublicUrlSetting.Key);
        }

        foreach (var key in unknown)
        {
            UnknownKey(logger, key);
        }

        return unknown;
    }

    [LoggerMessage(EventId = 9002, Level = LogLevel.Warning, Message = "{Key} is deprecated: set {Replacement} instead (until then {Key} is used where {Replacement} is not set).")]
    private static partial void DeprecatedKey(ILogger logger, string key, string replacement);

    [LoggerMessage(EventId = 9001, Level = LogLevel.Warning, Message = "Unknown configuration key {Key}: no setting of that name exists, so it has no effect (a typo?).")]
    private static partial void UnknownKey(ILogger logger, string key);
}
