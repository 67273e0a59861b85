using Latchkey.Core.Accounts;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Mailboxes;
using Latchkey.Core.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Lockout;

/// <summary>
/// The failed-login counters shared by the web sign-in and Dovecot's policy endpoint, and the lock they lead to.
/// </summary>
/// <remarks>
/// Guarantees: a wrong password counts once however often it is retried (failures are told apart by their 12-bit
/// <c>pwhash</c>); only failures after the account's last success, lock or unlock and within
/// <see cref="LockoutOptions.FailureWindow"/> count; the lock is taken by one conditional UPDATE, so failures
/// arriving together lock once; attempts with the previous password are never counted here (they are stale devices).
/// The lock is <c>Account.LockoutEnd</c>, which Dovecot's view reads too, so it holds even when Dovecot
/// cannot reach Latchkey.
/// </remarks>
public sealed class AccountLockout(
    LatchkeyDbContext db,
    SessionRevoker sessions,
    AuditLog auditLog,
    IEnumerable<IAccountLockedHook> lockedHooks,
    IOptions<LockoutOptions> options,
    TimeProvider timeProvider,
    ILogger<AccountLockout> logger)
{
    public const string DefaultReason = "This account is locked after repeated failed logins. Ask your administrator to unlock it.";

    /// <summary>The lock end stored for "until an administrator unlocks it": far ahead, and valid on every provider.</summary>
    public static DateTimeOffset Indefinite { get; } = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    public bool IsLocked(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return account.LockoutEnd is { } end && end > timeProvider.GetUtcNow();
    }

    /// <summary>The sentence shown to whoever meets the lock (the sign-in page, the IMAP client).</summary>
    public async Task<string> ReasonAsync(Guid accountId, CancellationToken cancellationToken = default) =>
        await db.LockoutStates.AsNoTracking().Where(s => s.AccountId == accountId).Select(s => s.Reason).SingleOrDefaultAsync(cancellationToken)
        ?? DefaultReason;

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
            Login = Limit(failure.Login, 256),
            Ip = Limit(failure.Ip, 64),
            Protocol = Limit(failure.Protocol, 32),
            PwHash = Limit(failure.PwHash, 16),
            TrustedSource = Limit(failure.TrustedSource, 64),
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
        var until = settings.LockUntilUnlocked ? Indefinite : now + settings.LockDuration(level);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var locked = await db.Users
            .Where(a => a.Id == accountId && (a.LockoutEnd == null || a.LockoutEnd <= now))
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.LockoutEnd, (DateTimeOffset?)until), cancellationToken);
        if (locked == 1)
        {
            state.Level = level;
            state.LockedAt = now;
            state.CountFrom = now;
            state.Reason = Reason(distinct, until);
            auditLog.Add(AuditEventTypes.AccountLocked, AuditEventTypes.Success, AuditContext.Anonymous(failure.Ip, null), accountId, Limit(failure.Login, 256),
                $"{Limit(failure.Protocol, 32)}: {distinct} failures");
            await sessions.AccountChangedAsync(accountId, cancellationToken);
            foreach (var hook in lockedHooks)
            {
                await hook.LockedAsync(accountId, cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (locked == 1)
        {
            LockoutLog.Locked(logger, accountId, distinct, until, level);
            LatchkeyMetrics.Locked();
        }

        return locked == 1;
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
        var source = Limit(trustedSource, 64);
        var failures = db.LoginFailures.Where(f => f.AccountId == accountId && f.TrustedSource == source && f.OccurredAt > since);
        if (ip is not null)
        {
            var address = Limit(ip, 64);
            failures = failures.Where(f => f.Ip == address);
        }

        return await failures.Select(f => f.PwHash).Distinct().CountAsync(cancellationToken) >= settings.MaxFailures;
    }

    /// <summary>A successful login: earlier failures stop counting and the next lock is a first one again.</summary>
    public Task<int> RecordSuccessAsync(Guid accountId, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        return db.LockoutStates
            .Where(s => s.AccountId == accountId && (s.Level > 0 || (s.LastFailureAt != null && s.LastFailureAt > s.CountFrom)))
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.Level, 0).SetProperty(s => s.CountFrom, now), cancellationToken);
    }

    /// <summary>
    /// Lifts the lock and starts the counters over, in the caller's transaction (no audit event: the caller writes
    /// one). Returns whether the account was locked.
    /// </summary>
    public async Task<bool> UnlockAsync(Guid accountId, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var wasLocked = await db.Users.AnyAsync(a => a.Id == accountId && a.LockoutEnd != null && a.LockoutEnd > now, cancellationToken);
        await db.Users.Where(a => a.Id == accountId && a.LockoutEnd != null)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.LockoutEnd, (DateTimeOffset?)null), cancellationToken);
        if (db.Users.Local.FirstOrDefault(a => a.Id == accountId) is { } tracked)
        {
            // The caller may save this tracked copy later; it must not write the old lock back.
            var lockoutEnd = db.Entry(tracked).Property(a => a.LockoutEnd);
            lockoutEnd.CurrentValue = null;
            lockoutEnd.OriginalValue = null;
        }

        await db.LockoutStates.Where(s => s.AccountId == accountId).ExecuteUpdateAsync(
            set => set.SetProperty(s => s.Level, 0).SetProperty(s => s.CountFrom, now)
                .SetProperty(s => s.LockedAt, (DateTimeOffset?)null).SetProperty(s => s.Reason, (string?)null),
            cancellationToken);
        await sessions.AccountChangedAsync(accountId, cancellationToken);
        if (wasLocked)
        {
            LockoutLog.Unlocked(logger, accountId);
            LatchkeyMetrics.Unlocked();
        }

        return wasLocked;
    }

    /// <summary>
    /// What a new password brings to the lockout, in the caller's transaction: the account is unlocked and the
    /// stale-device list (devices using the password before this one) starts empty.
    /// </summary>
    public async Task ResetAfterPasswordChangeAsync(Guid accountId, CancellationToken cancellationToken = default)
    {
        await UnlockAsync(accountId, cancellationToken);
        await db.StaleDevices.Where(d => d.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Whether the failures from <paramref name="ip"/> (any account, distinct passwords) call for a delay or a refusal.</summary>
    public async Task<IpVerdict> CheckIpAsync(string ip, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (settings.IpDelayAfter == 0 && settings.IpRefuseAfter == 0)
        {
            return IpVerdict.None;
        }

        var since = timeProvider.GetUtcNow() - settings.IpWindow;
        var address = Limit(ip, 64);
        var distinct = await db.LoginFailures
            .Where(f => f.Ip == address && f.OccurredAt > since)
            .Select(f => new { f.Login, f.PwHash }).Distinct().CountAsync(cancellationToken);
        if (settings.IpRefuseAfter > 0 && distinct >= settings.IpRefuseAfter)
        {
            return new IpVerdict(true, 0);
        }

        if (settings.IpDelayAfter > 0 && distinct >= settings.IpDelayAfter)
        {
            var steps = distinct - settings.IpDelayAfter;
            return new IpVerdict(false, steps >= 6 ? settings.MaxIpDelaySeconds : Math.Min(1 << steps, settings.MaxIpDelaySeconds));
        }

        return IpVerdict.None;
    }

    /// <summary>Deletes failed logins older than <see cref="LockoutOptions.RetainFailures"/>; returns how many.</summary>
    public Task<int> PurgeAsync(CancellationToken cancellationToken = default)
    {
        var before = timeProvider.GetUtcNow() - options.Value.RetainFailures;
        return db.LoginFailures.Where(f => f.OccurredAt < before).ExecuteDeleteAsync(cancellationToken);
    }

    private static string Reason(int failures, DateTimeOffset until) => until >= Indefinite
        ? $"This account is locked after {failures} failed logins with different passwords. Ask your administrator to unlock it."
        : $"This account is locked after {failures} failed logins with different passwords, until {until.UtcDateTime:yyyy-MM-dd HH:mm} UTC. Ask your administrator to unlock it sooner.";

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

    private static string Limit(string value, int length) => value.Length > length ? value[..length] : value;
}
