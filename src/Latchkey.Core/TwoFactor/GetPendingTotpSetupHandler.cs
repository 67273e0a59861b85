using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.TwoFactor;

/// <summary>
/// The authenticator app set-up in progress of an account (<see cref="SetUpTotpHandler"/> started it, no code confirmed
/// it yet), shown again on the page after a wrong first code; null when there is none.
/// </summary>
public sealed class GetPendingTotpSetupHandler(LatchkeyDbContext db, TotpSecrets secrets, IOptions<TwoFactorOptions> options)
{
    public async Task<TotpSetup?> HandleAsync(Guid accountId, CancellationToken cancellationToken = default)
    {
        var pending = await db.TotpAuthenticators.AsNoTracking().SingleOrDefaultAsync(t => t.AccountId == accountId && t.ConfirmedAt == null, cancellationToken);
        var email = await db.Users.AsNoTracking().Where(a => a.Id == accountId).Select(a => a.Email).SingleOrDefaultAsync(cancellationToken);
        if (pending is null || email is null)
        {
            return null;
        }

        var secret = secrets.Unprotect(pending.ProtectedSecret);
        return new TotpSetup(TotpCodes.GroupedKey(secret), TotpCodes.KeyUri(options.Value.Issuer, email, secret));
    }
}
