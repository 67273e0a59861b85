using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Notifications;

/// <summary>
/// Queues "close this account's IMAP and SMTP connections" in the caller's unit of work, like <see cref="EmailOutbox"/>:
/// the outbox dispatcher asks Dovecot (<c>doveadm kick</c>) only after the change commits, and retries until it
/// answers. Accounts without a mailbox have no mail connections and queue nothing.
/// </summary>
internal sealed class MailConnectionKicks(LatchkeyDbContext db, TimeProvider timeProvider)
{
    public async Task EnqueueAsync(Guid accountId, CancellationToken cancellationToken = default)
    {
        var account = await db.Users.AsNoTracking().Where(a => a.Id == accountId)
            .Select(a => new { a.Email, a.MailboxAccess }).SingleOrDefaultAsync(cancellationToken);
        if (account is not { MailboxAccess: true, Email: { Length: > 0 } email })
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        var id = Guid.NewGuid();
        db.OutboxMessages.Add(new OutboxMessage
        {
            Id = id,
            Kind = OutboxKinds.DovecotKick,
            CreatedAt = now,
            To = email,
            MessageId = $"<{id:N}@dovecot-kick>",
            NextAttemptAt = now,
        });
    }
}
