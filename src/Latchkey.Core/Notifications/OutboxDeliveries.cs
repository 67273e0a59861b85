using Latchkey.Core.Data;
namespace Latchkey.Core.Notifications;

/// <summary>
/// Hands each claimed outbox message to what delivers its kind: e-mail to the <see cref="IMailTransport"/>, any
/// other kind to the <see cref="IOutboxDelivery"/> registered for it. A new kind is one more registration.
/// </summary>
internal sealed class OutboxDeliveries(IMailTransport mail, IEnumerable<IOutboxDelivery> deliveries)
{
    private readonly Dictionary<string, IOutboxDelivery> _byKind = deliveries.ToDictionary(d => d.Kind, StringComparer.Ordinal);

    public Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Kind == OutboxKinds.Email)
        {
            return mail.SendAsync(message, cancellationToken);
        }

        return _byKind.TryGetValue(message.Kind, out var delivery)
            ? delivery.DeliverAsync(message, cancellationToken)
            : throw new InvalidOperationException($"No delivery is registered for outbox messages of kind '{message.Kind}'.");
    }
}
