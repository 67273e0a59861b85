using System.Globalization;
using System.Net;

namespace Latchkey.Core.Notifications;

/// <summary>
/// "Your password was changed": sent to the account's address after every password change, in the account's
/// language. It says when (UTC), from which IP address and browser, that every device and mail client must now be
/// given the new password, and what to do if it was not the account's owner (reset the password at
/// <c>/forgot-password</c>, tell the administrator). It never contains the password or a link that signs anyone in.
/// </summary>
internal static class PasswordChangedEmail
{
    /// <summary>The English subject (each language has its own, in <see cref="EmailTexts"/>).</summary>
    public const string Subject = "Your password was changed";

    /// <summary>The longest part of a user agent quoted in the message; the rest is cut off.</summary>
    public const int MaxQuotedUserAgent = 200;

    /// <param name="to">The account's e-mail address; also named in the text.</param>
    /// <param name="when">When the change was committed; shown in UTC.</param>
    /// <param name="ip">The client address the change came from.</param>
    /// <param name="userAgent">The client's <c>User-Agent</c> header, as received (it is untrusted text).</param>
    /// <param name="panelUrl">The panel's public base address, e.g. <c>https://accounts.example.com</c>.</param>
    /// <param name="culture">The recipient's language; English when null.</param>
    public static OutgoingEmail Create(string to, DateTimeOffset when, string ip, string userAgent, string panelUrl, CultureInfo? culture = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        ArgumentNullException.ThrowIfNull(ip);
        ArgumentNullException.ThrowIfNull(userAgent);
        if (!Uri.TryCreate(panelUrl, UriKind.Absolute, out var panel) || (panel.Scheme != Uri.UriSchemeHttps && panel.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("The panel address must be an absolute http(s) URL.", nameof(panelUrl));
        }

        var c = EmailTexts.Or(culture);
        var facts = new Facts(
            OneLine(to, EmailOutbox.MaxAddressLength),
            FormatTime(when, c),
            OneLine(ip, 64),
            UserAgentSummary.Describe(userAgent),
            OneLine(userAgent, MaxQuotedUserAgent),
            panel.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/forgot-password");
        return new OutgoingEmail(to, EmailTexts.Get("changed_subject", c), Text(facts, c), Html(facts, c));
    }

    private sealed record Facts(string Account, string Time, string Ip, string Browser, string Agent, string Forgot);

    private static string Text(Facts f, CultureInfo c)
    {
        var rows = EmailTexts.Rows(
            c,
            (EmailTexts.Get("when", c), f.Time),
            (EmailTexts.Get("ip_address", c), f.Ip),
            (EmailTexts.Get("browser", c), f.Browser),
            (EmailTexts.Get("user_agent", c), f.Agent.Length == 0 ? EmailTexts.Get("none_sent", c) : f.Agent));
        return $"""
            {EmailTexts.Get("hello", c)}

            {EmailTexts.Format("changed_intro", c, f.Account)}

            {rows}

            {EmailTexts.Get("changed_update_lead", c)}{EmailTexts.Get("changed_update_rest", c)}

            {EmailTexts.Get("not_you", c)}
              1. {EmailTexts.Format("not_you_reset", c, f.Forgot)}
              2. {EmailTexts.Get("not_you_tell", c)}

            {EmailTexts.Get("automatic", c)}

            """;
    }

    // Texts from the resource files are Latchkey's own and go in as they are; every value is encoded.
    private static string Html(Facts f, CultureInfo c)
    {
        static string E(string value) => WebUtility.HtmlEncode(value);
        string Row(string name, string value) => EmailHtml.Row(c, name, value);
        return EmailHtml.Document(c, EmailTexts.Get("changed_subject", c), $"""
            <p>{EmailTexts.Format("changed_intro", c, $"<strong>{E(f.Account)}</strong>")}</p>
            <table style="border-collapse: collapse;">
            {Row("when", E(f.Time))}
            {Row("ip_address", E(f.Ip))}
            {Row("browser", E(f.Browser))}
            {Row("user_agent", $"<code>{(f.Agent.Length == 0 ? EmailTexts.Get("none_sent", c) : E(f.Agent))}</code>")}
            </table>
            <p><strong>{EmailTexts.Get("changed_update_lead", c)}</strong>{EmailTexts.Get("changed_update_rest", c)}</p>
            <p><strong>{EmailTexts.Get("not_you", c)}</strong></p>
            <ol>
            <li>{EmailTexts.Format("not_you_reset", c, $"<a href=\"{E(f.Forgot)}\">{E(f.Forgot)}</a>")}</li>
            <li>{EmailTexts.Get("not_you_tell", c)}</li>
            </ol>
            """);
    }

    /// <summary>
    /// ISO 8601 and spelled out, both UTC: <c>2026-11-23 09:00 UTC (Monday, 23 November 2026)</c>; the spelled-out
    /// date in the recipient's language (<c>Montag, 23. November 2026</c>).
    /// </summary>
    private static string FormatTime(DateTimeOffset when, CultureInfo culture)
    {
        var utc = when.ToUniversalTime();
        var iso = utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var spelled = culture.TwoLetterISOLanguageName == "en"
            ? utc.ToString("dddd, d MMMM yyyy", CultureInfo.InvariantCulture)
            : utc.ToString("D", culture);
        return $"{iso} ({spelled})";
    }

    /// <summary>Untrusted text on one line: control characters (a forged line break) become spaces; cut to <paramref name="max"/>.</summary>
    private static string OneLine(string value, int max)
    {
        var clean = string.Create(value.Length, value, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        }).Trim();
        return clean.Length > max ? clean[..max] + "…" : clean;
    }
}
