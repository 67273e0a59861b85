using System.Text;
using Latchkey.Core.Data;
using MimeKit;
using MimeKit.Text;

namespace Latchkey.Core.Notifications;

/// <summary>
/// The RFC 5322 message both transports write, built with MimeKit: multipart/alternative with a plain-text and an
/// HTML part (UTF-8, quoted-printable), <c>Date</c> from the injected clock, the outbox's stable <c>Message-Id</c>
/// (the same on every attempt, so a receiver can drop a repeat) and <c>Auto-Submitted: auto-generated</c> so that
/// vacation responders do not answer it (RFC 3834).
/// </summary>
internal static class MailMessageFactory
{
    /// <summary>How files are written: CRLF line ends, as on the wire.</summary>
    public static readonly FormatOptions FileFormat = CreateFileFormat();

    public static MimeMessage Create(OutboxMessage message, MailboxAddress from, DateTimeOffset date)
    {
        var mail = new MimeMessage { Subject = message.Subject, Date = date, MessageId = message.MessageId.Trim('<', '>') };
        mail.From.Add(from);
        mail.To.Add(MailboxAddress.Parse(message.To));
        mail.Headers.Add("Auto-Submitted", "auto-generated");
        mail.Body = new MultipartAlternative
        {
            Part(TextFormat.Plain, message.TextBody),
            Part(TextFormat.Html, message.HtmlBody),
        };
        return mail;
    }

    private static TextPart Part(TextFormat format, string content)
    {
        var part = new TextPart(format) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        part.SetText(Encoding.UTF8, content.ReplaceLineEndings("\r\n"));
        return part;
    }

    private static FormatOptions CreateFileFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }
}
