using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.TwoFactor;

/// <summary>An account's second factors, for its owner (authorization for others is the caller's, as for account details).</summary>
public sealed class GetTwoFactorStatusHandler(LatchkeyDbContext db)
{
    public async Task<TwoFactorStatus> HandleAsync(Guid accountId, CancellationToken cancellationToken = default)
    {
        var enabled = await db.Users.AsNoTracking().Where(a => a.Id == accountId).Select(a => a.TwoFactorEnabled).SingleOrDefaultAsync(cancellationToken);
        var totp = await db.TotpAuthenticators.AsNoTracking().Where(t => t.AccountId == accountId).Select(t => new { t.ConfirmedAt }).SingleOrDefaultAsync(cancellationToken);
        var left = await db.RecoveryCodes.CountAsync(r => r.AccountId == accountId && r.UsedAt == null, cancellationToken);
        var passkeys = await db.Passkeys.AsNoTracking().Where(p => p.AccountId == accountId)
            .Select(p => new PasskeyView(p.Id, p.Name, p.CreatedAt, p.LastUsedAt)).ToListAsync(cancellationToken);
        return new TwoFactorStatus(enabled, totp?.ConfirmedAt is not null, totp is { ConfirmedAt: null }, left, [.. passkeys.OrderBy(p => p.CreatedAt)]);
    }
}
