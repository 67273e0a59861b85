using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Notifications;

/// <summary>
/// Sends through the SMTP server of <see cref="SmtpOptions"/> with <see cref="SmtpClient"/>, one connection per
/// message. With <see cref="SmtpOptions.StartTls"/> on, a server that does not offer STARTTLS is refused rather
/// than sent the credentials in clear. An attempt longer than <see cref="SmtpOptions.Timeout"/> fails.
/// </summary>
public sealed class SmtpMailTransport(IOptions<SmtpOptions> options, TimeProvider timeProvider) : IMailTransport
{
    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var smtp = options.Value;
        using var mail = MailMessageFactory.Create(message, smtp.SenderAddress());
        using var client = new SmtpClient(smtp.Host, smtp.Port)
        {
            DeliveryMethod = SmtpDeliveryMethod.Network,
            EnableSsl = smtp.StartTls,
            UseDefaultCredentials = false,
            Timeout = (int)smtp.Timeout.TotalMilliseconds,
        };
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            client.Credentials = new NetworkCredential(smtp.UserName, smtp.Password);
        }

        using var timeout = new CancellationTokenSource(smtp.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await client.SendMailAsync(mail, linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The SMTP server did not accept the message within {smtp.Timeout}.");
        }
    }
}
