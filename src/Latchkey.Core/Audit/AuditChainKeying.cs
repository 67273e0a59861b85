using System.Security.Cryptography;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Audit;

/// <summary>
/// The row of <c>audit_chain_keying</c> (schema version 18): events from <see cref="KeyedFrom"/> on are HMAC-keyed,
/// earlier ones (written before the upgrade) are plain SHA-256 links. <see cref="Tag"/> binds the boundary to the key.
/// </summary>
internal sealed record AuditChainKeying(long KeyedFrom, byte[] Tag)
{
    /// <summary>The row, or null when it was deleted; read inside the caller's transaction when it has one.</summary>
    public static async Task<AuditChainKeying?> ReadAsync(LatchkeyDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Database
            .SqlQuery<AuditChainKeying>($"SELECT \"KeyedFrom\", \"Tag\" FROM audit_chain_keying")
            .OrderBy(row => row.KeyedFrom)
            .Take(2)
            .ToListAsync(cancellationToken);
        return rows.Count == 1 ? rows[0] : null;
    }

    /// <summary>Whether <see cref="Tag"/> was made with <paramref name="key"/>.</summary>
    public bool MadeWith(ReadOnlySpan<byte> key) =>
        CryptographicOperations.FixedTimeEquals(AuditChainKey.MarkerTag(key, KeyedFrom), Tag);

    /// <summary>
    /// The code half of schema version 18: keys the chain from the event after the current head (1 on a new store),
    /// so the first keyed link covers the last unkeyed hash and the old part stays anchored in the new one.
    /// </summary>
    internal static async Task StartAsync(LatchkeyDbContext db, System.Data.Common.DbTransaction transaction, AuditChainKey key, CancellationToken cancellationToken)
    {
        await db.Database.UseTransactionAsync(transaction, cancellationToken);
        try
        {
            var head = await db.Database
                .SqlQuery<long?>($"SELECT MAX(\"Sequence\") AS \"Value\" FROM audit_events")
                .SingleAsync(cancellationToken);
            var keyedFrom = (head ?? 0) + 1;
            var tag = AuditChainKey.MarkerTag(key.Key, keyedFrom);
            await db.Database.ExecuteSqlAsync($"INSERT INTO audit_chain_keying (\"KeyedFrom\", \"Tag\") VALUES ({keyedFrom}, {tag})", cancellationToken);
        }
        finally
        {
            await db.Database.UseTransactionAsync(null, CancellationToken.None);
        }
    }
}
