using Latchkey.Core.Accounts;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Lockout;

/// <summary>An account's lock, its recent failed logins and its stale devices, for the helpdesk.</summary>
public sealed class GetLockoutHandler(LatchkeyDbContext db, StaleDevices staleDevices, TimeProvider timeProvider)
{
    public const int RecentFailures = 50;

    public async Task<Result<LockoutView>> HandleAsync(Guid accountId, CancellationToken cancellationToken = default)
    {
        var account = await db.Users.AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return Result<LockoutView>.Fail(ErrorCodes.NotFound, "No such account.");
        }

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
        return Result<LockoutView>.Ok(new LockoutView(
            accountId, view.Email, view.Locked, view.LockedUntil, reason, recent, await staleDevices.ListAsync(accountId, cancellationToken)));
    }
}
