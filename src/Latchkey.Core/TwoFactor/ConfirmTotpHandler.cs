using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Latchkey.Core.TwoFactor;

/// <summary>
/// Turns a set-up authenticator app on with its first code (±1 step): from then on it is a second factor, the code's
/// step cannot be used again, and the session counts as freshly checked. The first factor comes with
/// <see cref="RecoveryCodes.Count"/> recovery codes, returned once.
/// </summary>
public sealed class ConfirmTotpHandler(
    LatchkeyDbContext db,
    TotpSecrets secrets,
    SecondFactorChanges changes,
    TimeProvider timeProvider,
    ILogger<ConfirmTotpHandler> logger)
{
    public async Task<Result<FactorAdded>> HandleAsync(Guid accountId, Guid? sessionId, string? code, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pending = await db.TotpAuthenticators.SingleOrDefaultAsync(t => t.AccountId == accountId && t.ConfirmedAt == null, cancellationToken);
        if (pending is null)
        {
            return Result<FactorAdded>.Fail(ErrorCodes.Conflict, "There is no authenticator app set-up in progress. Start again.");
        }

        var now = timeProvider.GetUtcNow();
        if (TotpCodes.Match(secrets.Unprotect(pending.ProtectedSecret), code, now, 0) is not { } step)
        {
            return Failure.Field(ErrorCodes.Validation, "code", "That code is not correct. Check the time on your phone and enter the current code.");
        }

        var account = await db.Users.SingleAsync(a => a.Id == accountId, cancellationToken);
        pending.ConfirmedAt = now;
        pending.LastUsedStep = step;
        var codes = await changes.AddedAsync(account, SecondFactorMethod.Totp, null, context, cancellationToken);
        if (sessionId is { } session)
        {
            await db.Sessions.Where(s => s.Id == session && s.AccountId == accountId).ExecuteUpdateAsync(set => set.SetProperty(s => s.SecondFactorAt, now), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        TwoFactorLog.Added(logger, accountId, SecondFactorMethod.Totp);
        return Result<FactorAdded>.Ok(new FactorAdded(SecondFactorMethod.Totp, codes));
    }
}
