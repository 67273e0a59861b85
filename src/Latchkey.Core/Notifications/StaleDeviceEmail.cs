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
    public const string Subject = "A device is still using your previous password";

    /// <param name="to">The account's e-mail address.</param>
    /// <param name="when">When the attempt was seen; shown in UTC.</param>
    /// <param name="protocol">Dovecot's service name (<c>imap</c>, <c>submission</c>, <c>pop3</c>).</param>
    /// <param name="ip">The device's address.</param>
    /// <param name="deviceId">What the device said it is (IMAP <c>ID</c>), or empty; untrusted text.</param>
    /// <param name="panelUrl">The panel's public base address.</param>
    public static OutgoingEmail Create(string to, DateTimeOffset when, string protocol, string ip, string deviceId, string panelUrl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(ip);
        ArgumentNullException.ThrowIfNull(deviceId);
        if (!Uri.TryCreate(panelUrl, UriKind.Absolute, out var panel) || (panel.Scheme != Uri.UriSchemeHttps && panel.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("The panel address must be an absolute http(s) URL.", nameof(panelUrl));
        }

        var time = when.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var way = ProtocolName(protocol);
        var address = OneLine(ip, 64);
        var device = OneLine(deviceId, 200);
        var security = panel.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/account/security";
        return new OutgoingEmail(to, Subject, Text(OneLine(to, EmailOutbox.MaxAddressLength), time, way, address, device, security), Html(OneLine(to, EmailOutbox.MaxAddressLength), time, way, address, device, security));
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

    private static string Text(string account, string time, string way, string ip, string device, string security) =>
        $"""
        Hello,

        A device at {ip} is still using the previous password of your account {account} over {way}.

          Last seen:  {time}
          Device:     {(device.Length == 0 ? "(it did not say)" : device)}

        Its logins are refused, so it cannot fetch or send mail until you enter your new password in its account settings (the mail app on your phone or tablet, Outlook, Apple Mail, Thunderbird …). These attempts do not lock your account.

        Every device still using the previous password is listed on your Security page: {security}

        If you do not recognise the address, change your password and tell your administrator.

        This message was sent automatically; replies are not read.

        """;

    private static string Html(string account, string time, string way, string ip, string device, string security)
    {
        static string E(string value) => WebUtility.HtmlEncode(value);
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>{E(Subject)}</title></head>
            <body style="font-family: sans-serif; line-height: 1.5; max-width: 40em;">
            <p>Hello,</p>
            <p>A device at <strong>{E(ip)}</strong> is still using the previous password of your account <strong>{E(account)}</strong> over {E(way)}.</p>
            <table style="border-collapse: collapse;">
            <tr><th scope="row" style="text-align: left; padding-right: 1em;">Last seen</th><td>{E(time)}</td></tr>
            <tr><th scope="row" style="text-align: left; padding-right: 1em;">Device</th><td>{(device.Length == 0 ? "(it did not say)" : E(device))}</td></tr>
            </table>
            <p>Its logins are refused, so it cannot fetch or send mail until you <strong>enter your new password in its account settings</strong> (the mail app on your phone or tablet, Outlook, Apple Mail, Thunderbird …). These attempts do not lock your account.</p>
            <p>Every device still using the previous password is listed on your <a href="{E(security)}">Security page</a>.</p>
            <p>If you do not recognise the address, change your password and tell your administrator.</p>
            <p style="color: #555;">This message was sent automatically; replies are not read.</p>
            </body>
            </html>

            """;
    }

    /// <summary>Untrusted text on one line: control characters become spaces; cut to <paramref name="max"/>.</summary>
    private static string OneLine(string value, int max)
    {
        var clean = new string([.. value.Select(c => char.IsControl(c) ? ' ' : c)]).Trim();
        return clean.Length > max ? clean[..max] + "…" : clean;
    }
}
