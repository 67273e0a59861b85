using Latchkey.Core.Data;
namespace Latchkey.Core.Notifications;

/// <summary>
/// The boundary to whatever takes Latchkey's e-mail away: an SMTP server (<see cref="SmtpMailTransport"/>) or the
/// pickup folder (<see cref="PickupDirectoryTransport"/>).
/// </summary>
internal interface IMailTransport
{
    /// <summary>
    /// Hands <paramref name="message"/> over. Returns once the other side has accepted it; throws when it has not,
    /// and the outbox tries again later.
    /// </summary>
    Task SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}
