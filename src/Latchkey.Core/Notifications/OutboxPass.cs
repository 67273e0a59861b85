namespace Latchkey.Core.Notifications;

/// <summary>What one pass of <see cref="DeliverDueMessagesHandler"/> did: messages claimed, delivered, and failed (to be retried).</summary>
internal sealed record OutboxPass(int Claimed, int Delivered, int Failed);
