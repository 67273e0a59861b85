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
            set => set.SetProperty(s => s.Nonce, fresh.Nonce).SetProperty(s => s.Secret, fresh.Secret).SetProperty(s => s.CreatedAt, fresh.CreatedAt)
                .SetProperty(s => s.DoveadmApiKey, fresh.DoveadmApiKey),
            cancellationToken);
        return updated == 1 ? fresh : await GetOrCreateAsync(cancellationToken);
    }

    /// <summary>
    /// Records where the generated configuration's doveadm HTTP API listens, giving a secret made before that
    /// setting existed its API key; returns the secret as stored.
    /// </summary>
    public async Task<DovecotPolicySecret> UseDoveadmAsync(DovecotPolicySecret secret, Uri url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(url);
        var key = secret.DoveadmApiKey.Length > 0 ? secret.DoveadmApiKey : Key();
        await db.DovecotPolicySecrets.Where(s => s.Id == DovecotPolicySecret.SingletonId).ExecuteUpdateAsync(
            set => set.SetProperty(s => s.DoveadmUrl, url.AbsoluteUri).SetProperty(s => s.DoveadmApiKey, key), cancellationToken);
        return await FindAsync(cancellationToken) ?? throw new InvalidOperationException("The Dovecot policy secret disappeared.");
    }

    private static string Key() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    private DovecotPolicySecret New() => new()
    {
        Id = DovecotPolicySecret.SingletonId,
        Nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
        Secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
        DoveadmApiKey = Key(),
        CreatedAt = timeProvider.GetUtcNow(),
    };
}
