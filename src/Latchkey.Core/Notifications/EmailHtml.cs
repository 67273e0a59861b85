using System.Globalization;
using System.Net;

namespace Latchkey.Core.Notifications;

/// <summary>
/// The HTML part every e-mail to a user shares: the document in the recipient's language, titled by the subject,
/// opened with the greeting and closed with the "sent automatically" line; the message's own paragraphs go between.
/// Texts from <see cref="EmailTexts"/> are Latchkey's own and go in as they are; callers encode every value.
/// </summary>
internal static class EmailHtml
{
    public static string Document(CultureInfo culture, string subject, string paragraphs)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return $"""
            <!DOCTYPE html>
            <html lang="{culture.TwoLetterISOLanguageName}">
            <head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(subject)}</title></head>
            <body style="font-family: sans-serif; line-height: 1.5; max-width: 40em;">
            <p>{EmailTexts.Get("hello", culture)}</p>
            {paragraphs}
            <p style="color: #555;">{EmailTexts.Get("automatic", culture)}</p>
            </body>
            </html>

            """;
    }

    /// <summary>A labelled row of a facts table; <paramref name="valueHtml"/> is already encoded.</summary>
    public static string Row(CultureInfo culture, string labelName, string valueHtml) =>
        $"""<tr><th scope="row" style="text-align: left; padding-right: 1em;">{EmailTexts.Get(labelName, culture)}</th><td>{valueHtml}</td></tr>""";
}
