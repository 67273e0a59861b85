using System.Linq.Expressions;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Lockout;

/// <summary>
/// The failed-login counters shared by the web sign-in and Dovecot's policy endpoint; when they reach the limit they
/// ask <see cref="AccountLock"/> for the lock.
/// </summary>
/// <remarks>
/// Guarantees: a wrong password counts once however often it is retried (failures are told apart by their 12-bit
/// <c>pwhash</c>); only failures after the account's last success, lock or unlock and within
/// <see cref="LockoutOptions.FailureWindow"/> count; attempts with the previous password are never counted here (they
/// are stale devices); failures from known sources count toward that source only (<see cref="SourceOverLimitAsync"/>).
/// </remarks>
public sealed class FailureCounter(LatchkeyDbContext db, AccountLock accountLock, IOptions<LockoutOptions> options, TimeProvider timeProvider)
{
    /// <summary>A state a success must reset: a lock level, or failures since its count began.</summary>
    private static readonly Expression<Func<LockoutState, bool>> _counts =
        s => s.Level > 0 || (s.LastFailureAt != null && s.LastFailureAt > s.CountFrom);

    /// <summary>Whether the account's state <see cref="_counts"/>; compiled once (every sign-in asks).</summary>
    private static readonly CompiledQuery<Func<LatchkeyDbContext, Guid, CancellationToken, Task<bool>>> _counting = new(() =>
        EF.CompileAsyncQuery((LatchkeyDbContext context, Guid accountId, CancellationToken _) =>
            context.LockoutStates.Where(s => s.AccountId == accountId).Any(_counts)));

    /// <summary>
    /// The 12-bit <c>pwhash</c> of a password tried on the web, made exactly as Dovecot makes it (with the shared
    /// nonce once one exists), so the same wrong password typed on the web and in a mail client counts once.
    /// </summary>
    public async Task<string> PwHashAsync(string login, string password, CancellationToken cancellationToken = default)
    {
        var nonce = await db.DovecotPolicySecrets.AsNoTracking().Select(s => s.Nonce).FirstOrDefaultAsync(cancellationToken);
        return DovecotPwHash.Compute(nonce ?? "", login, password);
    }

    /// <summary>Records a failed login and locks the account when it was the last distinct failure allowed. Saves.</summary>
    /// <returns>True when this failure locked the account.</returns>
    public async Task<bool> RecordFailureAsync(FailedLogin failure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var now = timeProvider.GetUtcNow();
        db.LoginFailures.Add(new LoginFailure
        {
            AccountId = failure.AccountId,
            Login = ColumnWidths.Fit(failure.Login, ColumnWidths.Login),
            Ip = ColumnWidths.Fit(failure.Ip, ColumnWidths.Ip),
            Protocol = ColumnWidths.Fit(failure.Protocol, ColumnWidths.Protocol),
            PwHash = ColumnWidths.Fit(failure.PwHash, ColumnWidths.PwHash),
            TrustedSource = ColumnWidths.Fit(failure.TrustedSource, ColumnWidths.TrustedSource),
            OccurredAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        if (failure.AccountId is not { } accountId || failure.TrustedSource.Length > 0)
        {
            return false;
        }

        var settings = options.Value;
        var state = await StateAsync(accountId, cancellationToken);
        state.LastFailureAt = now;
        var windowStart = now - settings.FailureWindow;
        var since = state.CountFrom > windowStart ? state.CountFrom : windowStart;
        var distinct = await db.LoginFailures
            .Where(f => f.AccountId == accountId && f.OccurredAt > since && f.TrustedSource == "")
            .Select(f => f.PwHash).Distinct().CountAsync(cancellationToken);
        if (distinct < settings.MaxFailures)
        {
            await db.SaveChangesAsync(cancellationToken);
            return false;
        }

        // Escalation is bounded: a lock that began more than twice the longest lock ago no longer escalates, so a
        // trickle of guesses meets short locks, and the known devices are never locked at all.
        var level = state.LockedAt is { } lastLock && now - lastLock > settings.MaxLockDuration * 2 ? 1 : state.Level + 1;
        var until = settings.LockUntilUnlocked ? AccountLock.Indefinite : now + settings.LockDuration(level);
        return await accountLock.LockAsync(state, failure, distinct, level, until, cancellationToken);
    }

    /// <summary>
    /// Whether a known source (a device id, or <see cref="KnownMailSources.Marker"/> with <paramref name="ip"/>) has
    /// failed <see cref="LockoutOptions.MaxFailures"/> distinct times within <see cref="LockoutOptions.FailureWindow"/>:
    /// it is then treated as unknown.
    /// </summary>
    public async Task<bool> SourceOverLimitAsync(Guid accountId, string trustedSource, string? ip = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trustedSource);
        var settings = options.Value;
        var since = timeProvider.GetUtcNow() - settings.FailureWindow;
        var source = ColumnWidths.Fit(trustedSource, ColumnWidths.TrustedSource);
        var failures = db.LoginFailures.Where(f => f.AccountId == accountId && f.TrustedSource == source && f.OccurredAt > since);
        if (ip is not null)
        {
            var address = ColumnWidths.Fit(ip, ColumnWidths.Ip);
            failures = failures.Where(f => f.Ip == address);
        }

        return await failures.Select(f => f.PwHash).Distinct().CountAsync(cancellationToken) >= settings.MaxFailures;
    }

    /// <summary>A successful login: earlier failures stop counting and the next lock is a first one again.</summary>
    /// <remarks>
    /// Looks first and writes only when there is something to forget: almost every sign-in has nothing, and an UPDATE
    /// that matches no row still takes SQLite's one write lock, which concurrent sign-ins then queue for.
    /// </remarks>
    public async Task<int> RecordSuccessAsync(Guid accountId, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        if (!await _counting.For(db)(db, accountId, cancellationToken))
        {
            return 0;
        }

        return await db.LockoutStates.Where(s => s.AccountId == accountId).Where(_counts)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.Level, 0).SetProperty(s => s.CountFrom, now), cancellationToken);
    }

    /// <summary>Deletes failed logins older than <see cref="LockoutOptions.RetainFailures"/>; returns how many.</summary>
    public Task<int> PurgeAsync(CancellationToken cancellationToken = default)
    {
        var before = timeProvider.GetUtcNow() - options.Value.RetainFailures;
        return db.LoginFailures.Where(f => f.OccurredAt < before).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<LockoutState> StateAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var state = await db.LockoutStates.SingleOrDefaultAsync(s => s.AccountId == accountId, cancellationToken);
        if (state is not null)
        {
            return state;
        }

        state = new LockoutState { AccountId = accountId, CountFrom = DateTimeOffset.UnixEpoch };
        db.LockoutStates.Add(state);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return state;
        }
        catch (DbUpdateException)
        {
            // Another request for the same account created it first.
            db.Entry(state).State = EntityState.Detached;
            return await db.LockoutStates.SingleAsync(s => s.AccountId == accountId, cancellationToken);
        }
    }
}
