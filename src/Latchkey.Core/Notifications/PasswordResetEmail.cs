using System.Globalization;
using System.Net;

namespace Latchkey.Core.Notifications;

/// <summary>
/// The forgot-password message, in the account's language: the single-use link, how long it works, and what to do
/// if it wasn't you.
/// </summary>
internal static class PasswordResetEmail
{
    /// <summary>The English subject (each language has its own, in <see cref="EmailTexts"/>).</summary>
    public const string Subject = "Reset your password";

    public static OutgoingEmail Create(string to, string link, TimeSpan lifetime, string ip, CultureInfo? culture = null)
    {
        var c = EmailTexts.Or(culture);
        var minutes = ((int)lifetime.TotalMinutes).ToString(CultureInfo.InvariantCulture);
        var text = EmailTexts.Format("reset_intro", c, ip, to) + "\n\n"
            + EmailTexts.Format("reset_open", c, minutes) + $"\n\n{link}\n\n"
            + EmailTexts.Get("reset_after", c) + "\n\n"
            + EmailTexts.Get("reset_not_you", c) + "\n";
        var html = $"<p>{EmailTexts.Format("reset_intro", c, WebUtility.HtmlEncode(ip), WebUtility.HtmlEncode(to))}</p>"
            + $"<p>{EmailTexts.Format("reset_open", c, minutes)}</p>"
            + $"<p><a href=\"{WebUtility.HtmlEncode(link)}\">{EmailTexts.Get("reset_link", c)}</a></p>"
            + $"<p>{EmailTexts.Get("reset_after", c)}</p>"
            + $"<p>{EmailTexts.Get("reset_not_you", c)}</p>";
        return new OutgoingEmail(to, EmailTexts.Get("reset_subject", c), text, html, CarriesSecret: true);
    }
}
