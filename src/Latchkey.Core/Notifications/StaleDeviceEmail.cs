using System.Globalization;
using System.Net;

namespace Latchkey.Core.Notifications;

/// <summary>
/// "A device is still using your previous password": sent once, when the first such device is seen after a
/// password change (never once per attempt). It says which way (IMAP, SMTP …), from which IP address and when,
/// that those attempts are refused but do not lock the account, and where to see every such device. It never
/// contains a password or a link that signs anyone in.
/// </summary>
public static class StaleDeviceEmail
{
    /// <summary>The English subject (each language has its own, in <see cref="EmailTexts"/>).</summary>
    public const string Subject = "A device is still using your previous password";

    /// <param name="to">The account's e-mail address.</param>
    /// <param name="when">When the attempt was seen; shown in UTC.</param>
    /// <param name="protocol">Dovecot's service name (<c>imap</c>, <c>submission</c>, <c>pop3</c>).</param>
    /// <param name="ip">The device's address.</param>
    /// <param name="deviceId">What the device said it is (IMAP <c>ID</c>), or empty; untrusted text.</param>
    /// <param name="panelUrl">The panel's public base address.</param>
    /// <param name="culture">The recipient's language; English when null.</param>
    public static OutgoingEmail Create(string to, DateTimeOffset when, string protocol, string ip, string deviceId, string panelUrl, CultureInfo? culture = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(ip);
        ArgumentNullException.ThrowIfNull(deviceId);
        if (!Uri.TryCreate(panelUrl, UriKind.Absolute, out var panel) || (panel.Scheme != Uri.UriSchemeHttps && panel.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("The panel address must be an absolute http(s) URL.", nameof(panelUrl));
        }

        var c = EmailTexts.Or(culture);
        var facts = new Facts(
            OneLine(to, EmailOutbox.MaxAddressLength),
            when.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            protocol.Equals("web", StringComparison.OrdinalIgnoreCase) ? EmailTexts.Get("web_panel", c) : ProtocolName(protocol),
            OneLine(ip, 64),
            OneLine(deviceId, 200),
            panel.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/account/security");
        return new OutgoingEmail(to, EmailTexts.Get("stale_subject", c), Text(facts, c), Html(facts, c));
    }

    /// <summary>The way a login came, as people know it: IMAP, SMTP, POP3.</summary>
    public static string ProtocolName(string protocol) => protocol.ToLowerInvariant() switch
    {
        "imap" => "IMAP",
        "submission" or "smtp" => "SMTP",
        "pop3" => "POP3",
        "web" => "the web panel",
        _ => OneLine(protocol, 32),
    };

    private sealed record Facts(string Account, string Time, string Way, string Ip, string Device, string Security);

    private static string Text(Facts f, CultureInfo c)
    {
        var rows = EmailTexts.Rows(
            c,
            (EmailTexts.Get("last_seen", c), f.Time),
            (EmailTexts.Get("device", c), f.Device.Length == 0 ? EmailTexts.Get("did_not_say", c) : f.Device));
        return $"""
            {EmailTexts.Get("hello", c)}

            {EmailTexts.Format("stale_intro", c, f.Ip, f.Account, f.Way)}

            {rows}

            {EmailTexts.Get("stale_refused_lead", c)} {EmailTexts.Get("stale_refused_action", c)} {EmailTexts.Get("stale_refused_rest", c)}

            {EmailTexts.Format("stale_listed", c, EmailTexts.Get("security_page", c))}: {f.Security}

            {EmailTexts.Get("stale_unknown", c)}

            {EmailTexts.Get("automatic", c)}

            """;
    }

    // Texts from the resource files are Latchkey's own and go in as they are; every value is encoded.
    private static string Html(Facts f, CultureInfo c)
    {
        static string E(string value) => WebUtility.HtmlEncode(value);
        string Row(string name, string value) => EmailHtml.Row(c, name, value);
        return EmailHtml.Document(c, EmailTexts.Get("stale_subject", c), $"""
            <p>{EmailTexts.Format("stale_intro", c, $"<strong>{E(f.Ip)}</strong>", $"<strong>{E(f.Account)}</strong>", E(f.Way))}</p>
            <table style="border-collapse: collapse;">
            {Row("last_seen", E(f.Time))}
            {Row("device", f.Device.Length == 0 ? EmailTexts.Get("did_not_say", c) : E(f.Device))}
            </table>
            <p>{EmailTexts.Get("stale_refused_lead", c)} <strong>{EmailTexts.Get("stale_refused_action", c)}</strong> {EmailTexts.Get("stale_refused_rest", c)}</p>
            <p>{EmailTexts.Format("stale_listed", c, $"<a href=\"{E(f.Security)}\">{EmailTexts.Get("security_page", c)}</a>")}</p>
            <p>{EmailTexts.Get("stale_unknown", c)}</p>
            """);
    }

    /// <summary>Untrusted text on one line: control characters become spaces; cut to <paramref name="max"/>.</summary>
    private static string OneLine(string value, int max)
    {
        var clean = new string([.. value.Select(c => char.IsControl(c) ? ' ' : c)]).Trim();
        return clean.Length > max ? clean[..max] + "…" : clean;
    }
}
