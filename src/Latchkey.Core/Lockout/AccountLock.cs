using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Latchkey.Core.Lockout;

/// <summary>
/// The lock itself: <c>Account.LockoutEnd</c> (which Dovecot's view reads too, so it holds even when Dovecot cannot
/// reach Latchkey) and the sentence shown to whoever meets it. <see cref="FailureCounter"/> decides when to lock;
/// this type takes the lock, lifts it, and tells the rest of the system (sessions, <see cref="IAccountLockedHook"/>s).
/// </summary>
public sealed class AccountLock(
    LatchkeyDbContext db,
    SessionRevoker sessions,
    AuditLog auditLog,
    IEnumerable<IAccountLockedHook> lockedHooks,
    TimeProvider timeProvider,
    ILogger<AccountLock> logger)
{
    public const string DefaultReason = "This account is locked after repeated failed logins. Ask your administrator to unlock it.";

    /// <summary>The lock end stored for "until an administrator unlocks it": far ahead, and valid on every provider.</summary>
    public static DateTimeOffset Indefinite { get; } = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    public bool IsLocked(Account account) => IsLockedAt(account, timeProvider.GetUtcNow());

    /// <summary>Whether <paramref name="account"/>'s lock holds at <paramref name="now"/>.</summary>
    public static bool IsLockedAt(Account account, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(account);
        return account.LockoutEnd is { } end && end > now;
    }

    /// <summary>The sentence shown to whoever meets the lock (the sign-in page, the IMAP client).</summary>
    public async Task<string> ReasonAsync(Guid accountId, CancellationToken cancellationToken = default) =>
        await db.LockoutStates.AsNoTracking().Where(s => s.AccountId == accountId).Select(s => s.Reason).SingleOrDefaultAsync(cancellationToken)
        ?? DefaultReason;

    /// <summary>
    /// Locks the account until <paramref name="until"/> with one conditional UPDATE (failures arriving together lock
    /// once), in one transaction with the state, the audit event, the session revocation and the hooks. Saves.
    /// </summary>
    /// <returns>True when this call took the lock (false: it was locked already).</returns>
    internal async Task<bool> LockAsync(LockoutState state, FailedLogin failure, int distinct, int level, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var accountId = state.AccountId;
        var now = timeProvider.GetUtcNow();
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
            var protocol = ColumnWidths.Fit(failure.Protocol, ColumnWidths.Protocol);
            auditLog.Add(AuditEventTypes.AccountLocked, AuditEventTypes.Success, AuditContext.Anonymous(failure.Ip, null), accountId,
                ColumnWidths.Fit(failure.Login, ColumnWidths.Login), $"{protocol}: {distinct} failures");
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

    private static string Reason(int failures, DateTimeOffset until) => until >= Indefinite
        ? $"This account is locked after {failures} failed logins with different passwords. Ask your administrator to unlock it."
        : $"This account is locked after {failures} failed logins with different passwords, until {until.UtcDateTime:yyyy-MM-dd HH:mm} UTC. Ask your administrator to unlock it sooner.";
}
