using System.Security.Cryptography;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Mailboxes;

/// <summary>Reads, creates and rotates the <see cref="DovecotPolicySecret"/>. Never logs either value.</summary>
public sealed class DovecotPolicySecrets(LatchkeyDbContext db, TimeProvider timeProvider)
{
    /// <summary>The current secret, or null when none was generated yet (then every policy request is refused).</summary>
    public Task<DovecotPolicySecret?> FindAsync(CancellationToken cancellationToken = default) =>
        db.DovecotPolicySecrets.AsNoTracking().SingleOrDefaultAsync(s => s.Id == DovecotPolicySecret.SingletonId, cancellationToken);

    /// <summary>The current secret, generated (and saved) on first use.</summary>
    public async Task<DovecotPolicySecret> GetOrCreateAsync(CancellationToken cancellationToken = default)
    {
        if (await FindAsync(cancellationToken) is { } existing)
        {
            return existing;
        }

        var created = New();
        db.DovecotPolicySecrets.Add(created);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            db.Entry(created).State = EntityState.Detached;
            return created;
        }
        catch (DbUpdateException)
        {
            // Another process generated it at the same moment: use theirs.
            db.Entry(created).State = EntityState.Detached;
            return await FindAsync(cancellationToken) ?? throw new InvalidOperationException("The Dovecot policy secret could not be created.");
        }
    }

    /// <summary>
    /// Replaces secret and nonce. Every Dovecot using the old configuration is refused by the policy endpoint (its
    /// logins still go on, uncounted) until it gets the new one.
    /// </summary>
    public async Task<DovecotPolicySecret> RotateAsync(CancellationToken cancellationToken = default)
    {
        var fresh = New();
        var updated = await db.DovecotPolicySecrets.Where(s => s.Id == DovecotPolicySecret.SingletonId).ExecuteUpdateAsync(
            set => set.SetProperty(s => s.Nonce, fresh.Nonce).SetProperty(s => s.Secret, fresh.Secret).SetProperty(s => s.CreatedAt, fresh.CreatedAt),
            cancellationToken);
        return updated == 1 ? fresh : await GetOrCreateAsync(cancellationToken);
    }

    private DovecotPolicySecret New() => new()
    {
        Id = DovecotPolicySecret.SingletonId,
        Nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
        Secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
        CreatedAt = timeProvider.GetUtcNow(),
    };
}
