using Latchkey.Core.Access;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.TwoFactor;

/// <summary>
/// Starts (or restarts) setting up an authenticator app: a new random secret, stored protected and unconfirmed, so
/// it opens nothing until <see cref="ConfirmTotpHandler"/> sees a first code. An account that already has a second
/// factor needs a fresh step-up (adding a factor is sensitive); one that already has an authenticator app removes it
/// first. <see cref="GetPendingTotpSetupHandler"/> shows a set-up in progress again (the page after a wrong first code).
/// </summary>
public sealed class SetUpTotpHandler(LatchkeyDbContext db, TotpSecrets secrets, StepUp stepUp, TimeProvider timeProvider, IOptions<TwoFactorOptions> options)
{
    public async Task<Result<TotpSetup>> HandleAsync(Guid accountId, Guid? sessionId, CancellationToken cancellationToken = default)
    {
        var account = await db.Users.AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account?.Email is null)
        {
            return Result<TotpSetup>.Fail(ErrorCodes.NotFound, "No such account.");
        }

        if (await stepUp.RequireAsync(accountId, sessionId, cancellationToken) is { } stepUpRequired)
        {
            return stepUpRequired;
        }

        var existing = await db.TotpAuthenticators.SingleOrDefaultAsync(t => t.AccountId == accountId, cancellationToken);
        if (existing?.ConfirmedAt is not null)
        {
            return Result<TotpSetup>.Fail(ErrorCodes.Conflict, "An authenticator app is already set up. Remove it first to set up another.");
        }

        var secret = TotpCodes.NewSecret();
        if (existing is null)
        {
            existing = new TotpAuthenticator { AccountId = accountId };
            db.TotpAuthenticators.Add(existing);
        }

        existing.ProtectedSecret = secrets.Protect(secret);
        existing.CreatedAt = timeProvider.GetUtcNow();
        existing.LastUsedStep = 0;
        await db.SaveChangesAsync(cancellationToken);
        return Result<TotpSetup>.Ok(new TotpSetup(TotpCodes.GroupedKey(secret), TotpCodes.KeyUri(options.Value.Issuer, account.Email, secret)));
    }
}
