using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Notifications;

namespace Latchkey.Core.Lockout;

/// <summary>
/// The helpdesk unlocks an account: the lock ends at once (the next IMAP, SMTP or web login is checked afresh), the
/// failure counters start over, and the audit event and, for a Manager or Administrator, the security team's notice
/// commit with it. Unlocking an account that is not locked is allowed and recorded as such. Who may unlock whom is
/// <see cref="AccessPolicy"/>'s <see cref="AdminAction.Unlock"/> (Operators and up, within their domains), checked by
/// <see cref="AccountAccess"/>; a refusal is audited.
/// </summary>
public sealed class UnlockAccountHandler(LatchkeyDbContext db, AccountAccess access, AccountLock accountLock, SecurityTeamNotices notices, AuditLog auditLog)
{
    public async Task<Result<Unlocked>> HandleAsync(Guid accountId, Actor actor, AuditContext context, CancellationToken cancellationToken = default)
    {
        var allowed = await access.CheckAsync(accountId, actor, AdminAction.Unlock, context, cancellationToken);
        if (!allowed.Succeeded)
        {
            return allowed.Failure;
        }

        var account = allowed.Value;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var wasLocked = await accountLock.UnlockAsync(accountId, cancellationToken);
        if (wasLocked)
        {
            notices.Unlocked(account, actor.Email, context);
        }

        auditLog.Add(AuditEventTypes.AccountUnlocked, AuditEventTypes.Success, context, accountId, account.Email, wasLocked ? "was_locked" : "not_locked");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<Unlocked>.Ok(new Unlocked(accountId, account.Email ?? "", wasLocked));
    }
}
