using Latchkey.Core.Data;
using Latchkey.Core.Lockout;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Helpdesk;

/// <summary>
/// Reads an account's lock, its recent failed logins and its stale devices. It checks nobody: callers are handlers
/// that have decided already (<see cref="GetLockoutHandler"/>, the account details).
/// </summary>
public sealed class LockoutReader(LatchkeyDbContext db, StaleDevices staleDevices, TimeProvider timeProvider)
{
    public const int RecentFailures = 50;

    public async Task<LockoutView> ReadAsync(Account account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        var accountId = account.Id;
        var view = AccountView.From(account, timeProvider.GetUtcNow());
        var reason = view.Locked
            ? await db.LockoutStates.AsNoTracking().Where(s => s.AccountId == accountId).Select(s => s.Reason).SingleOrDefaultAsync(cancellationToken) ?? AccountLock.DefaultReason
            : null;
        var failures = await db.LoginFailures.AsNoTracking()
            .Where(f => f.AccountId == accountId)
            .OrderByDescending(f => f.OccurredAt).ThenByDescending(f => f.Id)
            .Take(RecentFailures)
            .ToListAsync(cancellationToken);
        var recent = failures.Select((f, i) => new FailedLoginView(
            f.OccurredAt, f.Ip, f.Protocol, failures.Skip(i + 1).Any(earlier => earlier.PwHash == f.PwHash))).ToList();
        return new LockoutView(accountId, view.Email, view.Locked, view.LockedUntil, reason, recent, await staleDevices.ListAsync(accountId, cancellationToken));
    }
}
