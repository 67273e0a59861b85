using Latchkey.Core.Data;
namespace Latchkey.Core.Notifications;

/// <summary>
/// Delivers one kind of outbox message other than e-mail. Throwing means "not delivered": the message is retried
/// after <see cref="RetryBackoff"/>. A delivery must be safe to repeat (a crash after it succeeded repeats it).
/// </summary>
internal interface IOutboxDelivery
{
    /// <summary>The <see cref="OutboxMessage.Kind"/> it delivers.</summary>
    string Kind { get; }

    Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken);
}
