using Latchkey.Core.Data;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Notifications;

/// <summary>
/// Sends through the SMTP server of <see cref="SmtpOptions"/> with MailKit, one connection per message: STARTTLS
/// (required: a server that does not offer it is refused rather than sent anything in clear), implicit TLS or,
/// for a local relay, none; SMTP AUTH when credentials are set; the certificate checked by
/// <see cref="SmtpCertificatePin"/>. An attempt longer than <see cref="SmtpOptions.Timeout"/> fails.
/// </summary>
internal sealed class SmtpMailTransport(IOptions<SmtpOptions> options, TimeProvider timeProvider) : IMailTransport
{
    private readonly Lazy<SmtpCertificatePin> _pin = new(() => new SmtpCertificatePin(options.Value));

    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var smtp = options.Value;
        using var mail = MailMessageFactory.Create(message, smtp.SenderAddress(), timeProvider.GetUtcNow());
        using var client = new SmtpClient
        {
            Timeout = (int)smtp.Timeout.TotalMilliseconds,
            ServerCertificateValidationCallback = _pin.Value.Validate,
        };

        using var timeout = new CancellationTokenSource(smtp.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await client.ConnectAsync(smtp.Host ?? throw new InvalidOperationException("No SMTP host configured."), smtp.EffectivePort, SocketOptions(smtp.Security), linked.Token);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", linked.Token);
            }

            await client.SendAsync(mail, linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The SMTP server did not accept the message within {smtp.Timeout}.");
        }

        // Accepted: a failed QUIT must not make the outbox send the message again.
        try
        {
            await client.DisconnectAsync(quit: true, linked.Token);
        }
        catch (Exception error) when (error is IOException or OperationCanceledException or MailKit.ProtocolException or System.Net.Sockets.SocketException)
        {
        }
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.None,
    };
}
