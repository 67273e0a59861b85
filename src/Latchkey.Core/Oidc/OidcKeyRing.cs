using System.Security.Cryptography;
using Latchkey.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Latchkey.Core.Oidc;

/// <summary>
/// The provider's keys from the store, shared by every node. Each key is current for <see cref="OidcOptions.KeyLifetime"/>;
/// its successor is made a tenth of that lifetime before it ends (so clients that cache the JWKS already know it when
/// it starts signing) and becomes current when it ends. A key that is no longer current stays published until every
/// token it can have signed or encrypted has expired (the longest token lifetime, an hour of margin included), then it
/// retires. <see cref="KeysAsync"/> returns the unretired keys, the current one first (it signs and encrypts; all
/// verify and decrypt). Creation runs under a PostgreSQL advisory lock, so nodes starting together make one key.
/// </summary>
public sealed class OidcKeyRing(LatchkeyDbContext db, IDataProtectionProvider protection, IOptions<OidcOptions> options, TimeProvider timeProvider)
{
    private const long AdvisoryLockKey = 0x4c4b4f494443; // "LKOIDC"

    /// <summary>How long a key stays published after it stops being current: the longest token it can have made.</summary>
    public TimeSpan PublishedAfterRotation =>
        new[] { options.Value.RefreshTokenLifetime, options.Value.AccessTokenLifetime, TimeSpan.FromMinutes(20) }.Max() + TimeSpan.FromHours(1);

    public async Task<IReadOnlyList<RsaSecurityKey>> KeysAsync(string use, CancellationToken cancellationToken = default)
    {
        var protector = protection.CreateProtector("Latchkey.Oidc.Keys");
        var now = timeProvider.GetUtcNow();
        var lifetime = options.Value.KeyLifetime;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
            }

            // A handful of rows: compared here rather than in SQL, the same on both providers.
            var latest = (await db.OidcKeys.AsNoTracking().Where(k => k.Use == use).Select(k => k.RotatesAt).ToListAsync(cancellationToken))
                .Select(k => (DateTimeOffset?)k).Max();
            if (latest is null || latest <= now || latest - now < lifetime / 10)
            {
                // None current: one that starts now. The current one near its end: the successor, current from its end.
                var startsAt = latest is { } end && end > now ? end : now;
                using var rsa = RSA.Create(2048);
                db.OidcKeys.Add(new OidcKey
                {
                    Id = Guid.NewGuid(),
                    Use = use,
                    CreatedAt = now,
                    RotatesAt = startsAt + lifetime,
                    RetiresAt = startsAt + lifetime + PublishedAfterRotation,
                    ProtectedKey = protector.Protect(Convert.ToBase64String(rsa.ExportPkcs8PrivateKey())),
                });
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        var rows = (await db.OidcKeys.AsNoTracking().Where(k => k.Use == use).ToListAsync(cancellationToken)).Where(k => k.RetiresAt > now).ToList();
        var current = rows.Where(k => k.RotatesAt > now).MinBy(k => k.RotatesAt);
        return [.. rows.OrderByDescending(k => k == current).ThenByDescending(k => k.RotatesAt).Select(row =>
        {
            var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(protector.Unprotect(row.ProtectedKey)), out _);
            return new RsaSecurityKey(rsa) { KeyId = row.Id.ToString("N") };
        })];
    }
}
