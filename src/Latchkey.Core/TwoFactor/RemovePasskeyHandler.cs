using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Latchkey.Core.TwoFactor;

/// <summary>Removes one passkey of the account after a fresh step-up; e-mailed and audited; without any factor left the recovery codes go too.</summary>
public sealed class RemovePasskeyHandler(LatchkeyDbContext db, StepUp stepUp, SecondFactorChanges changes, ILogger<RemovePasskeyHandler> logger)
{
    public async Task<Result<bool>> HandleAsync(Guid accountId, Guid? sessionId, Guid passkeyId, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await stepUp.RequireAsync(accountId, sessionId, cancellationToken) is { } stepUpRequired)
        {
            return stepUpRequired;
        }

        var passkey = await db.Passkeys.SingleOrDefaultAsync(p => p.Id == passkeyId && p.AccountId == accountId, cancellationToken);
        if (passkey is null)
        {
            return Result<bool>.Fail(ErrorCodes.NotFound, "No such passkey.");
        }

        db.Passkeys.Remove(passkey);
        await db.SaveChangesAsync(cancellationToken);
        var account = await db.Users.SingleAsync(a => a.Id == accountId, cancellationToken);
        await changes.RemovedAsync(account, SecondFactorMethod.Passkey, passkey.Name, context, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        TwoFactorLog.Removed(logger, accountId, SecondFactorMethod.Passkey);
        return Result<bool>.Ok(true);
    }
}
