using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Sessions;

namespace Latchkey.Core.Accounts;

/// <summary>
/// Disables an account (ending every session it has, in the same transaction) or enables it again, when
/// <see cref="AccessPolicy"/> lets the actor (<see cref="AdminAction.Disable"/>: Managers and up, within their domains).
/// </summary>
public sealed class SetAccountDisabledHandler(LatchkeyDbContext db, AccountAccess access, SessionRevoker revoker, AuditLog auditLog)
{
    public async Task<Result<Account>> HandleAsync(Guid accountId, bool disabled, Actor actor, AuditContext context, CancellationToken cancellationToken = default)
    {
        var allowed = await access.CheckAsync(accountId, actor, AdminAction.Disable, context, cancellationToken);
        if (!allowed.Succeeded)
        {
            return allowed;
        }

        var account = allowed.Value;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        account.Disabled = disabled;
        if (disabled)
        {
            await revoker.RevokeAllAsync(account.Id, null, "account_disabled", cancellationToken);
        }

        await revoker.AccountChangedAsync(account.Id, cancellationToken);

        auditLog.Add(disabled ? AuditEventTypes.AccountDisabled : AuditEventTypes.AccountEnabled, AuditEventTypes.Success, context, account.Id, account.Email);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<Account>.Ok(account);
    }
}
