using System.Globalization;
using System.Net;

namespace Latchkey.Core.Notifications;

/// <summary>The forgot-password message: the single-use link, how long it works, and what to do if it wasn't you.</summary>
public static class PasswordResetEmail
{
    public const string Subject = "Reset your password";

    public static OutgoingEmail Create(string to, string link, TimeSpan lifetime, string ip)
    {
        var minutes = ((int)lifetime.TotalMinutes).ToString(CultureInfo.InvariantCulture);
        var text = $"Someone (from {ip}) asked to reset the password of {to}.\n\n"
            + $"To choose a new password, open this link within {minutes} minutes. It works once:\n\n{link}\n\n"
            + "After the reset, every device and mail client has to use the new password.\n\n"
            + "If it wasn't you, ignore this message: your password stays as it is.\n";
        var html = $"<p>Someone (from {WebUtility.HtmlEncode(ip)}) asked to reset the password of {WebUtility.HtmlEncode(to)}.</p>"
            + $"<p>To choose a new password, open this link within {minutes} minutes. It works once:</p>"
            + $"<p><a href=\"{WebUtility.HtmlEncode(link)}\">Reset your password</a></p>"
            + "<p>After the reset, every device and mail client has to use the new password.</p>"
            + "<p>If it wasn't you, ignore this message: your password stays as it is.</p>";
        return new OutgoingEmail(to, Subject, text, html, CarriesSecret: true);
    }
}
