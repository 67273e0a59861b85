using System.Globalization;
using System.Net;

namespace Latchkey.Core.Notifications;

/// <summary>
/// "Your password was changed": sent to the account's address after every password change. It says when (UTC),
/// from which IP address and browser, that every device and mail client must now be given the new password, and
/// what to do if it was not the account's owner (reset the password at <c>/forgot-password</c>, tell the
/// administrator). It never contains the password or a link that signs anyone in.
/// </summary>
public static class PasswordChangedEmail
{
    public const string Subject = "Your password was changed";

    /// <summary>The longest part of a user agent quoted in the message; the rest is cut off.</summary>
    public const int MaxQuotedUserAgent = 200;

    /// <param name="to">The account's e-mail address; also named in the text.</param>
    /// <param name="when">When the change was committed; shown in UTC.</param>
    /// <param name="ip">The client address the change came from.</param>
    /// <param name="userAgent">The client's <c>User-Agent</c> header, as received (it is untrusted text).</param>
    /// <param name="panelUrl">The panel's public base address, e.g. <c>https://accounts.example.com</c>.</param>
    public static OutgoingEmail Create(string to, DateTimeOffset when, string ip, string userAgent, string panelUrl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        ArgumentNullException.ThrowIfNull(ip);
        ArgumentNullException.ThrowIfNull(userAgent);
        if (!Uri.TryCreate(panelUrl, UriKind.Absolute, out var panel) || (panel.Scheme != Uri.UriSchemeHttps && panel.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("The panel address must be an absolute http(s) URL.", nameof(panelUrl));
        }

        var time = FormatTime(when);
        var address = OneLine(ip, 64);
        var browser = UserAgentSummary.Describe(userAgent);
        var agent = OneLine(userAgent, MaxQuotedUserAgent);
        var account = OneLine(to, EmailOutbox.MaxAddressLength);
        var forgot = panel.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/forgot-password";
        return new OutgoingEmail(to, Subject, Text(account, time, address, browser, agent, forgot), Html(account, time, address, browser, agent, forgot));
    }

    private static string Text(string account, string time, string ip, string browser, string agent, string forgot) =>
        $"""
        Hello,

        The password of your account {account} was changed.

          When:       {time}
          IP address: {ip}
          Browser:    {browser}
          User agent: {(agent.Length == 0 ? "(none sent)" : agent)}

        Update every device and mail client that signs in with this account with the new password: your phone and tablet, Outlook, Apple Mail, Thunderbird and other mail apps, and any other computer. Until you do, they will fail to sign in, and their repeated attempts with the old password may lock your account.

        If this wasn't you:
          1. Reset your password now at {forgot}
          2. Contact your administrator and tell them the time and IP address above.

        This message was sent automatically; replies are not read.

        """;

    private static string Html(string account, string time, string ip, string browser, string agent, string forgot)
    {
        static string E(string value) => WebUtility.HtmlEncode(value);
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>{E(Subject)}</title></head>
            <body style="font-family: sans-serif; line-height: 1.5; max-width: 40em;">
            <p>Hello,</p>
            <p>The password of your account <strong>{E(account)}</strong> was changed.</p>
            <table style="border-collapse: collapse;">
            <tr><th scope="row" style="text-align: left; padding-right: 1em;">When</th><td>{E(time)}</td></tr>
            <tr><th scope="row" style="text-align: left; padding-right: 1em;">IP address</th><td>{E(ip)}</td></tr>
            <tr><th scope="row" style="text-align: left; padding-right: 1em;">Browser</th><td>{E(browser)}</td></tr>
            <tr><th scope="row" style="text-align: left; padding-right: 1em;">User agent</th><td><code>{(agent.Length == 0 ? "(none sent)" : E(agent))}</code></td></tr>
            </table>
            <p><strong>Update every device and mail client that signs in with this account with the new password</strong>: your phone and tablet, Outlook, Apple Mail, Thunderbird and other mail apps, and any other computer. Until you do, they will fail to sign in, and their repeated attempts with the old password may lock your account.</p>
            <p><strong>If this wasn't you:</strong></p>
            <ol>
            <li>Reset your password now at <a href="{E(forgot)}">{E(forgot)}</a></li>
            <li>Contact your administrator and tell them the time and IP address above.</li>
            </ol>
            <p style="color: #555;">This message was sent automatically; replies are not read.</p>
            </body>
            </html>

            """;
    }

    /// <summary>ISO 8601 and spelled out, both UTC: <c>2026-11-23 09:00 UTC (Monday, 23 November 2026)</c>.</summary>
    private static string FormatTime(DateTimeOffset when)
    {
        var utc = when.ToUniversalTime();
        return utc.ToString("yyyy-MM-dd HH:mm 'UTC' (dddd, d MMMM yyyy)", CultureInfo.InvariantCulture);
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
