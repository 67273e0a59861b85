using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Mailboxes;

/// <summary>
/// Revokes one of the account's app passwords: Dovecot's next login with it fails (its view reads the table, and no
/// auth cache is configured). False when the account has no such app password.
/// </summary>
public sealed class RevokeAppPasswordHandler(LatchkeyDbContext db, AuditLog auditLog)
{
    public async Task<bool> HandleAsync(Guid accountId, Guid appPasswordId, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var deleted = await db.AppPasswords.Where(p => p.Id == appPasswordId && p.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            return false;
        }

        var email = await db.Users.AsNoTracking().Where(a => a.Id == accountId).Select(a => a.Email).SingleOrDefaultAsync(cancellationToken);
        auditLog.Add(AuditEventTypes.AppPasswordRevoked, AuditEventTypes.Success, context, accountId, email, appPasswordId.ToString());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
