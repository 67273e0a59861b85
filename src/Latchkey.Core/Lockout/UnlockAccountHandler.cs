using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Lockout;

/// <summary>
/// The helpdesk unlocks an account: the lock ends at once (the next IMAP, SMTP or web login is checked afresh), the
/// failure counters start over, and the audit event commits with it. Unlocking an account that is not locked is
/// allowed and recorded as such. Who may unlock whom is decided by the caller (the API's role check, the CLI).
/// </summary>
public sealed class UnlockAccountHandler(LatchkeyDbContext db, AccountLockout lockout, AuditLog auditLog)
{
    public async Task<Result<Unlocked>> HandleAsync(Guid accountId, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var email = await db.Users.AsNoTracking().Where(a => a.Id == accountId).Select(a => a.Email).SingleOrDefaultAsync(cancellationToken);
        if (email is null)
        {
            return Result<Unlocked>.Fail(ErrorCodes.NotFound, "No such account.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var wasLocked = await lockout.UnlockAsync(accountId, cancellationToken);
        auditLog.Add(AuditEventTypes.AccountUnlocked, AuditEventTypes.Success, context, accountId, email, wasLocked ? "was_locked" : "not_locked");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<Unlocked>.Ok(new Unlocked(accountId, email, wasLocked));
    }
}
