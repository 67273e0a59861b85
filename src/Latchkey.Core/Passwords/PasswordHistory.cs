using Latchkey.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Passwords;

/// <summary>
/// Remembers password hashes and answers whether a new password is one of the last N. Every handler that sets a
/// password calls <see cref="Record"/> in its own transaction.
/// </summary>
public sealed class PasswordHistory(LatchkeyDbContext db, IPasswordHasher<Account> hasher, TimeProvider timeProvider)
{
    /// <summary>Adds the account's current hash to the caller's unit of work (no save).</summary>
    public void Record(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (account.PasswordHash is null)
        {
            return;
        }

        db.PasswordHistory.Add(new PasswordHistoryEntry
        {
            Id = Guid.NewGuid(),
            AccountId = account.Id,
            PasswordHash = account.PasswordHash,
            CreatedAt = timeProvider.GetUtcNow(),
        });
    }

    /// <summary>
    /// True when <paramref name="password"/> matches the current password or one of the <paramref name="depth"/> most
    /// recent ones. Each comparison is a full hash verification (one Argon2id each).
    /// </summary>
    public async Task<bool> IsReusedAsync(Account account, string password, int depth, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (depth <= 0)
        {
            return false;
        }

        var recent = await db.PasswordHistory.AsNoTracking()
            .Where(e => e.AccountId == account.Id)
            .OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id)
            .Take(depth)
            .Select(e => e.PasswordHash)
            .ToListAsync(cancellationToken);
        if (account.PasswordHash is { } current && !recent.Contains(current))
        {
            recent.Insert(0, current);
            if (recent.Count > depth)
            {
                recent.RemoveAt(recent.Count - 1);
            }
        }

        return recent.Any(hash => hasher.VerifyHashedPassword(account, hash, password) != PasswordVerificationResult.Failed);
    }

    /// <summary>Deletes entries beyond the longest history any policy can ask for.</summary>
    public async Task PruneAsync(Guid accountId, CancellationToken cancellationToken = default)
    {
        var stale = await db.PasswordHistory.Where(e => e.AccountId == accountId)
            .OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id)
            .Skip(PasswordPolicy.MaxHistory + 1)
            .Select(e => e.Id)
            .ToListAsync(cancellationToken);
        if (stale.Count > 0)
        {
            await db.PasswordHistory.Where(e => stale.Contains(e.Id)).ExecuteDeleteAsync(cancellationToken);
        }
    }

    /// <summary>
    /// True when <paramref name="password"/> is the account's previous password: the newest remembered hash that is not
    /// the current one (one Argon2id verification). A device still sending it is stale, not an attacker.
    /// </summary>
    public async Task<bool> IsPreviousAsync(Account account, string password, CancellationToken cancellationToken = default)
    {
        var previous = await PreviousHashAsync(account, cancellationToken);
        return previous is not null && hasher.VerifyHashedPassword(account, previous, password) != PasswordVerificationResult.Failed;
    }

    /// <summary>The newest remembered hash that is not the current one, or null when the password never changed.</summary>
    public Task<string?> PreviousHashAsync(Account account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        return db.PasswordHistory.AsNoTracking()
            .Where(e => e.AccountId == account.Id && e.PasswordHash != account.PasswordHash)
            .OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id)
            .Select(e => e.PasswordHash)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
