namespace Latchkey.Core.Notifications;

/// <summary>
/// A short readable name for a <c>User-Agent</c> header, such as "Firefox on Linux" or "Safari on iOS", for messages
/// to people. A guess from well-known tokens, not a parser: anything unrecognised is "an unknown browser".
/// </summary>
internal static class UserAgentSummary
{
    public const string Unknown = "an unknown browser";

    // Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari", and Android also says "Linux".
    private static readonly (string Token, string Name)[] _browsers =
    [
        ("Edg/", "Edge"), ("EdgA/", "Edge"), ("EdgiOS/", "Edge"), ("OPR/", "Opera"), ("Opera", "Opera"),
        ("Vivaldi/", "Vivaldi"), ("SamsungBrowser/", "Samsung Internet"), ("Thunderbird/", "Thunderbird"),
        ("Firefox/", "Firefox"), ("FxiOS/", "Firefox"), ("CriOS/", "Chrome"), ("Chromium/", "Chromium"),
        ("Chrome/", "Chrome"), ("Safari/", "Safari"), ("curl/", "curl"), ("Wget/", "Wget"),
    ];

    private static readonly (string Token, string Name)[] _systems =
    [
        ("Windows", "Windows"), ("iPhone", "iOS"), ("iPad", "iPadOS"), ("Android", "Android"), ("CrOS", "ChromeOS"),
        ("Mac OS X", "macOS"), ("Macintosh", "macOS"), ("Linux", "Linux"), ("BSD", "BSD"),
    ];

    public static string Describe(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return Unknown;
        }

        var browser = Find(_browsers, userAgent);
        var system = Find(_systems, userAgent);
        return (browser, system) switch
        {
            (null, null) => Unknown,
            (null, _) => $"a browser on {system}",
            (_, null) => browser,
            _ => $"{browser} on {system}",
        };
    }

    private static string? Find((string Token, string Name)[] table, string userAgent)
    {
        foreach (var (token, name) in table)
        {
            if (userAgent.Contains(token, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }

        return null;
    }
}
