using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Accounts;

/// <summary>Disables an account (ending every session it has, in the same transaction) or enables it again.</summary>
public sealed class SetAccountDisabledHandler(LatchkeyDbContext db, SessionRevoker revoker, AuditLog auditLog)
{
    public async Task<Result<Account>> HandleAsync(string email, bool disabled, AuditContext context, CancellationToken cancellationToken = default)
    {
        if (!EmailAddress.TryNormalize(email, out var normalized, out _))
        {
            return Failure.Field(ErrorCodes.Validation, "email", $"'{email}' is not a valid e-mail address.");
        }

        var account = await db.Users.SingleOrDefaultAsync(a => a.Email == normalized, cancellationToken);
        if (account is null)
        {
            return Result<Account>.Fail(ErrorCodes.NotFound, $"No account {normalized}.");
        }

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
