using System.Globalization;
using System.Net;
using Latchkey.Core.Notifications;

namespace Latchkey.Core.TwoFactor;

/// <summary>
/// The account holder's notices about their second factor, in the account's language: added, removed, reset by the
/// helpdesk, a recovery code used (with how many are left). Each says when and from where, and where to look; none
/// carries a code, secret or sign-in link.
/// </summary>
internal static class TwoFactorEmail
{
    /// <summary>The English subjects (each language has its own, in <see cref="EmailTexts"/>).</summary>
    public const string AddedSubject = "A second factor was added to your account";
    public const string RemovedSubject = "A second factor was removed from your account";
    public const string ResetSubject = "Your second factor was reset by the helpdesk";
    public const string RecoveryCodeUsedSubject = "A recovery code was used to sign in";

    /// <summary>A factor was added: <paramref name="method"/> is a <see cref="SecondFactorMethod"/>; a passkey is named by <paramref name="name"/>.</summary>
    public static OutgoingEmail Added(string to, string method, string? name, DateTimeOffset when, string? ip, string panelUrl, CultureInfo? culture = null)
    {
        var c = EmailTexts.Or(culture);
        return Create(to, "tfa_added_subject", EmailTexts.Format("tfa_added", c, Factor(method, name, c), to), when, ip, panelUrl, c);
    }

    public static OutgoingEmail Removed(string to, string method, string? name, DateTimeOffset when, string? ip, string panelUrl, CultureInfo? culture = null)
    {
        var c = EmailTexts.Or(culture);
        return Create(to, "tfa_removed_subject", EmailTexts.Format("tfa_removed", c, Factor(method, name, c), to), when, ip, panelUrl, c);
    }

    /// <summary>Every factor was reset by <paramref name="by"/>, a staff member's address; null for the console ("An administrator").</summary>
    public static OutgoingEmail Reset(string to, string? by, DateTimeOffset when, string? ip, string panelUrl, CultureInfo? culture = null)
    {
        var c = EmailTexts.Or(culture);
        return Create(to, "tfa_reset_subject", EmailTexts.Format("tfa_reset", c, by ?? EmailTexts.Get("tfa_an_administrator", c), to), when, ip, panelUrl, c);
    }

    public static OutgoingEmail RecoveryCodeUsed(string to, int left, DateTimeOffset when, string? ip, string panelUrl, CultureInfo? culture = null)
    {
        var c = EmailTexts.Or(culture);
        return Create(to, "tfa_recovery_subject", EmailTexts.Format("tfa_recovery_used", c, to, left), when, ip, panelUrl, c);
    }

    private static string Factor(string method, string? name, CultureInfo c) => method == SecondFactorMethod.Passkey
        ? EmailTexts.Format("tfa_factor_passkey", c, name ?? "")
        : EmailTexts.Get("tfa_factor_totp", c);

    private static OutgoingEmail Create(string to, string subjectName, string what, DateTimeOffset when, string? ip, string panelUrl, CultureInfo c)
    {
        var subject = EmailTexts.Get(subjectName, c);
        var time = when.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var from = string.IsNullOrEmpty(ip) ? EmailTexts.Get("tfa_unknown", c) : ip;
        var security = panelUrl.TrimEnd('/') + "/account/security";
        var rows = EmailTexts.Rows(c, (EmailTexts.Get("when", c), time), (EmailTexts.Get("tfa_from", c), from));
        var text = $"""
            {EmailTexts.Get("hello", c)}

            {what}

            {rows}

            {EmailTexts.Format("tfa_listed", c, EmailTexts.Get("security_page", c))}: {security}

            {EmailTexts.Get("tfa_not_you", c)}

            {EmailTexts.Get("automatic", c)}

            """;
        static string E(string value) => WebUtility.HtmlEncode(value);
        var html = EmailHtml.Document(c, subject, $"""
            <p>{E(what)}</p>
            <table style="border-collapse: collapse;">
            {EmailHtml.Row(c, "when", E(time))}
            {EmailHtml.Row(c, "tfa_from", E(from))}
            </table>
            <p>{EmailTexts.Format("tfa_listed", c, $"<a href=\"{E(security)}\">{EmailTexts.Get("security_page", c)}</a>")}</p>
            <p>{EmailTexts.Get("tfa_not_you", c)}</p>
            """);
        return new OutgoingEmail(to, subject, text, html);
    }
}
