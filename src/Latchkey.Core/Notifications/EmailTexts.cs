using System.Globalization;
using System.Resources;

namespace Latchkey.Core.Notifications;

/// <summary>
/// The sentences of the e-mails Latchkey sends, in the recipient's language: <c>EmailTexts.resx</c> (English, the
/// fallback) and its translations beside it. A missing name throws, so a typo fails the first test that sends mail.
/// </summary>
internal static class EmailTexts
{
    private static readonly ResourceManager _resources = new("Latchkey.Core.Notifications.EmailTexts", typeof(EmailTexts).Assembly);

    /// <summary>The resource set, for the test that checks every language has every text.</summary>
    public static ResourceManager Resources => _resources;

    public static string Get(string name, CultureInfo culture) =>
        _resources.GetString(name, culture) ?? throw new InvalidOperationException($"No e-mail text '{name}'.");

    public static string Format(string name, CultureInfo culture, params object[] values) =>
        string.Format(culture, Get(name, culture), values);

    /// <summary>
    /// Labelled lines for a plain-text body, the values aligned after the longest label:
    /// <c>  When:       2026-12-02 …</c>.
    /// </summary>
    public static string Rows(CultureInfo culture, params (string Label, string Value)[] rows)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var colon = culture.TwoLetterISOLanguageName == "fr" ? "\u00a0:" : ":";
        var width = rows.Max(r => r.Label.Length) + colon.Length;
        return string.Join("\n", rows.Select(r => "  " + (r.Label + colon).PadRight(width) + " " + r.Value));
    }

    /// <summary>English when no culture is given, so callers that know no recipient language stay as before.</summary>
    public static CultureInfo Or(CultureInfo? culture) => culture ?? CultureInfo.GetCultureInfo("en");
}
