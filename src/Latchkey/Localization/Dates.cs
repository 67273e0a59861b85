using System.Globalization;

namespace Latchkey.Localization;

/// <summary>
/// Times as the panel shows them: in UTC (the server knows no reader's time zone), written the way the request's
/// culture writes a short date and time (<c>02.12.2026 14:05 UTC</c> in German, <c>12/2/2026 2:05 PM UTC</c> in English).
/// </summary>
internal static class Dates
{
    public static string Short(DateTimeOffset value) =>
        value.UtcDateTime.ToString("g", CultureInfo.CurrentCulture) + " UTC";

    /// <summary>With seconds, for logs where the order of events within a minute matters.</summary>
    public static string Long(DateTimeOffset value) =>
        value.UtcDateTime.ToString("G", CultureInfo.CurrentCulture) + " UTC";

    /// <summary>The machine-readable form for <c>&lt;time datetime&gt;</c>.</summary>
    public static string Iso(DateTimeOffset value) => value.ToString("o", CultureInfo.InvariantCulture);
}
