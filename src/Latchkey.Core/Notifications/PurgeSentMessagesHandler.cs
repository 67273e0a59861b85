using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Notifications;

/// <summary>
/// Deletes messages delivered more than <see cref="OutboxOptions.KeepSentFor"/> ago, so that the bodies (which name
/// IP addresses and browsers) do not stay in the store for ever. Undelivered messages are never deleted.
/// </summary>
internal sealed class PurgeSentMessagesHandler(
    LatchkeyDbContext db,
    TimeProvider timeProvider,
    IOptions<OutboxOptions> options,
    ILogger<PurgeSentMessagesHandler> logger)
{
    public async Task<int> HandleAsync(CancellationToken cancellationToken = default)
    {
        var keep = options.Value.KeepSentFor;
        var before = timeProvider.GetUtcNow() - keep;
        var deleted = await db.OutboxMessages.Where(m => m.SentAt != null && m.SentAt < before).ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            NotificationsLog.Purged(logger, deleted, keep);
        }

        return deleted;
    }
}
