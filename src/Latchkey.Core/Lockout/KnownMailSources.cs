using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Lockout;

/// <summary>
/// Mail client addresses that logged in to an account successfully within
/// <see cref="LockoutOptions.KnownMailSourceLifetime"/>: the account's lock does not hold for them (the policy
/// endpoint asks <see cref="IsKnownAsync"/>; Dovecot's passdb queries read the same rows through the
/// <c>dovecot_known_sources</c> view).
/// </summary>
public sealed class KnownMailSources(LatchkeyDbContext db, IOptions<LockoutOptions> options, TimeProvider timeProvider)
{
    /// <summary>The <see cref="LoginFailure.TrustedSource"/> of a failure from a known mail client address.</summary>
    public const string Marker = "mail";

    public Task<bool> IsKnownAsync(Guid accountId, string ip, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var address = ColumnWidths.Fit(ip, ColumnWidths.Ip);
        return db.KnownMailSources.AnyAsync(k => k.AccountId == accountId && k.Ip == address && k.TrustedUntil > now, cancellationToken);
    }

    /// <summary>A successful mail login from <paramref name="ip"/>: known (again) for the configured lifetime.</summary>
    public async Task RememberAsync(Guid accountId, string ip, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var until = now + options.Value.KnownMailSourceLifetime;
        var address = ColumnWidths.Fit(ip, ColumnWidths.Ip);
        var updated = await db.KnownMailSources.Where(k => k.AccountId == accountId && k.Ip == address)
            .ExecuteUpdateAsync(set => set.SetProperty(k => k.LastSuccessAt, now).SetProperty(k => k.TrustedUntil, until), cancellationToken);
        if (updated > 0)
        {
            return;
        }

        var row = new KnownMailSource { AccountId = accountId, Ip = address, LastSuccessAt = now, TrustedUntil = until };
        db.KnownMailSources.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same client's other connection inserted it first; that row says the same.
            db.Entry(row).State = EntityState.Detached;
        }
    }

    /// <summary>The address failed too often: it is an unknown source again until it logs in successfully.</summary>
    public Task<int> ForgetAsync(Guid accountId, string ip, CancellationToken cancellationToken = default)
    {
        var address = ColumnWidths.Fit(ip, ColumnWidths.Ip);
        return db.KnownMailSources.Where(k => k.AccountId == accountId && k.Ip == address).ExecuteDeleteAsync(cancellationToken);
    }
}
