using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Latchkey.Core.TwoFactor;

/// <summary>Removes the account's authenticator app after a fresh step-up; without any factor left the recovery codes go too.</summary>
public sealed class RemoveTotpHandler(LatchkeyDbContext db, StepUp stepUp, SecondFactorChanges changes, ILogger<RemoveTotpHandler> logger)
{
    public async Task<Result<bool>> HandleAsync(Guid accountId, Guid? sessionId, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await stepUp.RequireAsync(accountId, sessionId, cancellationToken) is { } stepUpRequired)
        {
            return stepUpRequired;
        }

        var totp = await db.TotpAuthenticators.SingleOrDefaultAsync(t => t.AccountId == accountId, cancellationToken);
        if (totp is null)
        {
            return Result<bool>.Fail(ErrorCodes.NotFound, "No authenticator app is set up.");
        }

        db.TotpAuthenticators.Remove(totp);
        await db.SaveChangesAsync(cancellationToken);
        if (totp.ConfirmedAt is not null)
        {
            var account = await db.Users.SingleAsync(a => a.Id == accountId, cancellationToken);
            await changes.RemovedAsync(account, SecondFactorMethod.Totp, null, context, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            TwoFactorLog.Removed(logger, accountId, SecondFactorMethod.Totp);
        }

        return Result<bool>.Ok(true);
    }
}
