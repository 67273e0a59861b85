using System.Globalization;
using System.Net;
using Latchkey.Core.Notifications;

namespace Latchkey.Core.TwoFactor;

/// <summary>
/// The account holder's notices about their second factor: added, removed, reset by the helpdesk, a recovery code
/// used (with how many are left). Each says when and from where, and where to look; none carries a code, secret or
/// sign-in link.
/// </summary>
public static class TwoFactorEmail
{
    public const string AddedSubject = "A second factor was added to your account";
    public const string RemovedSubject = "A second factor was removed from your account";
    public const string ResetSubject = "Your second factor was reset by the helpdesk";
    public const string RecoveryCodeUsedSubject = "A recovery code was used to sign in";

    public static OutgoingEmail Added(string to, string what, DateTimeOffset when, string? ip, string panelUrl) =>
        Create(to, AddedSubject, $"{what} was added as a second factor to your account {to}.", when, ip, panelUrl);

    public static OutgoingEmail Removed(string to, string what, DateTimeOffset when, string? ip, string panelUrl) =>
        Create(to, RemovedSubject, $"{what} was removed from the second factors of your account {to}.", when, ip, panelUrl);

    public static OutgoingEmail Reset(string to, string by, DateTimeOffset when, string? ip, string panelUrl) =>
        Create(to, ResetSubject, $"{by} removed every second factor of your account {to} (authenticator app, passkeys and recovery codes) and ended all its sessions. Sign in with your password and set up a second factor again.", when, ip, panelUrl);

    public static OutgoingEmail RecoveryCodeUsed(string to, int left, DateTimeOffset when, string? ip, string panelUrl) =>
        Create(to, RecoveryCodeUsedSubject, $"A recovery code of your account {to} was used. {(left == 1 ? "1 recovery code is" : $"{left} recovery codes are")} left; each works once. Create new ones on your Security page when few are left.", when, ip, panelUrl);

    private static OutgoingEmail Create(string to, string subject, string what, DateTimeOffset when, string? ip, string panelUrl)
    {
        var time = when.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var from = string.IsNullOrEmpty(ip) ? "unknown" : ip;
        var security = panelUrl.TrimEnd('/') + "/account/security";
        var text = $"Hello,\n\n{what}\n\n  When:  {time}\n  From:  {from}\n\nYour second factors are listed on your Security page: {security}\n\n"
            + "If this was not you, change your password at once and tell your administrator.\n\nThis message was sent automatically; replies are not read.\n";
        static string E(string value) => WebUtility.HtmlEncode(value);
        var html = $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{E(subject)}</title></head>"
            + $"<body style=\"font-family: sans-serif; line-height: 1.5; max-width: 40em;\"><p>Hello,</p><p>{E(what)}</p>"
            + $"<ul><li>When: {E(time)}</li><li>From: {E(from)}</li></ul><p>Your second factors are listed on your <a href=\"{E(security)}\">Security page</a>.</p>"
            + "<p>If this was not you, change your password at once and tell your administrator.</p><p style=\"color: #555;\">This message was sent automatically; replies are not read.</p></body></html>\n";
        return new OutgoingEmail(to, subject, text, html);
    }
}
