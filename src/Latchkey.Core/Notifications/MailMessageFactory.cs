using System.Net.Mail;
using System.Net.Mime;
using System.Text;

namespace Latchkey.Core.Notifications;

/// <summary>
/// The RFC 5322 message both transports write: multipart/alternative with a plain-text and an HTML part (UTF-8,
/// quoted-printable, CRLF line ends), the outbox's stable <c>Message-ID</c>, and <c>Auto-Submitted: auto-generated</c>
/// so that vacation responders do not answer it (RFC 3834). <c>Date</c> is set by <see cref="SmtpClient"/> when it writes.
/// </summary>
internal static class MailMessageFactory
{
    public static MailMessage Create(OutboxMessage message, MailAddress from)
    {
        var mail = new MailMessage
        {
            From = from,
            Subject = message.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
        };
        try
        {
            mail.To.Add(new MailAddress(message.To));
            mail.Headers.Add("Message-ID", message.MessageId);
            mail.Headers.Add("Auto-Submitted", "auto-generated");
            mail.AlternateViews.Add(View(message.TextBody, MediaTypeNames.Text.Plain));
            mail.AlternateViews.Add(View(message.HtmlBody, MediaTypeNames.Text.Html));
            return mail;
        }
        catch
        {
            mail.Dispose();
            throw;
        }
    }

    private static AlternateView View(string content, string mediaType)
    {
        var view = AlternateView.CreateAlternateViewFromString(content.ReplaceLineEndings("\r\n"), Encoding.UTF8, mediaType);
        view.TransferEncoding = TransferEncoding.QuotedPrintable;
        return view;
    }
}
