namespace Latchkey.Core.Sessions;

/// <summary>"Firefox on Linux", "Safari on iPhone", "curl": a short name people recognise, from the User-Agent.</summary>
internal static class DeviceDescription
{
    public static string FromUserAgent(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return "Unknown device";
        }

        var browser = Browser(userAgent);
        var system = System(userAgent);
        return system is null ? browser : $"{browser} on {system}";
    }

    private static string Browser(string ua)
    {
        (string Token, string Name)[] browsers =
        [
            ("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("HeadlessChrome/", "Headless Chrome"),
            ("Chromium/", "Chromium"), ("Chrome/", "Chrome"), ("Safari/", "Safari"), ("Thunderbird/", "Thunderbird"),
            ("curl/", "curl"), ("python-requests/", "Python"), ("Wget/", "Wget"),
        ];
        foreach (var (token, name) in browsers)
        {
            if (ua.Contains(token, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }

        var first = ua.Split(' ', '/')[0];
        return first.Length is > 0 and <= 40 ? first : "Unknown browser";
    }

    private static string? System(string ua)
    {
        (string Token, string Name)[] systems =
        [
            ("iPhone", "iPhone"), ("iPad", "iPad"), ("Android", "Android"), ("Windows", "Windows"),
            ("Mac OS X", "macOS"), ("Macintosh", "macOS"), ("CrOS", "ChromeOS"), ("Linux", "Linux"),
        ];
        foreach (var (token, name) in systems)
        {
            if (ua.Contains(token, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }

        return null;
    }
}
