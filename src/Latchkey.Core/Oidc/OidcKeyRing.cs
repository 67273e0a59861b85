using System.Security.Cryptography;
using Latchkey.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Latchkey.Core.Oidc;

/// <summary>
/// The provider's keys from the store: creates the first signing and encryption keys, and a successor when the current
/// one reaches <see cref="OidcOptions.KeyLifetime"/>; returns every unretired key, newest first (the first signs, all
/// verify and decrypt). Creation runs under a PostgreSQL advisory lock, so nodes starting together make one key.
/// </summary>
public sealed class OidcKeyRing(LatchkeyDbContext db, IDataProtectionProvider protection, IOptions<OidcOptions> options, TimeProvider timeProvider)
{
    private const long AdvisoryLockKey = 0x4c4b4f494443; // "LKOIDC"

    public async Task<IReadOnlyList<RsaSecurityKey>> KeysAsync(string use, CancellationToken cancellationToken = default)
    {
        var protector = protection.CreateProtector("Latchkey.Oidc.Keys");
        var now = timeProvider.GetUtcNow();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
            }

            if (!await db.OidcKeys.AnyAsync(k => k.Use == use && k.RotatesAt > now, cancellationToken))
            {
                using var rsa = RSA.Create(2048);
                var lifetime = options.Value.KeyLifetime;
                db.OidcKeys.Add(new OidcKey
                {
                    Id = Guid.NewGuid(),
                    Use = use,
                    CreatedAt = now,
                    RotatesAt = now + lifetime,
                    RetiresAt = now + lifetime + lifetime,
                    ProtectedKey = protector.Protect(Convert.ToBase64String(rsa.ExportPkcs8PrivateKey())),
                });
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        var rows = await db.OidcKeys.AsNoTracking().Where(k => k.Use == use && k.RetiresAt > now).ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(k => k.CreatedAt).Select(row =>
        {
            var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(protector.Unprotect(row.ProtectedKey)), out _);
            return new RsaSecurityKey(rsa) { KeyId = row.Id.ToString("N") };
        })];
    }
}
