using System.Data.Common;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Audit;

/// <summary>
/// The code half of schema version 6 (<c>0006_audit_chain.sql</c>): chains the events written before the chain
/// existed, in id order from sequence 1, inside the script's transaction. SQL alone cannot, as SQLite has no SHA-256.
/// </summary>
/// <remarks>
/// Only <see cref="AuditEvent.Sequence"/> and <see cref="AuditEvent.Hash"/> are written; the hash is computed over the
/// fields exactly as stored, so <see cref="VerifyAuditChainHandler"/> recomputes the same value. The table's trigger
/// lets this update through because these rows have no hash yet; once chained they are never updated again.
/// </remarks>
internal static class AuditChainMigration
{
    private const int BatchSize = 1000;

    public static async Task ChainExistingEventsAsync(LatchkeyDbContext db, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await db.Database.UseTransactionAsync(transaction, cancellationToken);
        try
        {
            long sequence = 0, lastId = 0;
            var previous = AuditChain.Genesis.ToArray();
            while (true)
            {
                var batch = await db.AuditEvents.AsNoTracking()
                    .Where(e => e.Id > lastId)
                    .OrderBy(e => e.Id)
                    .Take(BatchSize)
                    .Select(e => new AuditEvent
                    {
                        Id = e.Id,
                        OccurredAt = e.OccurredAt,
                        Type = e.Type,
                        Outcome = e.Outcome,
                        ActorId = e.ActorId,
                        ActorEmail = e.ActorEmail,
                        TargetId = e.TargetId,
                        TargetEmail = e.TargetEmail,
                        Ip = e.Ip,
                        UserAgent = e.UserAgent,
                        Detail = e.Detail,
                    })
                    .ToListAsync(cancellationToken);
                foreach (var auditEvent in batch)
                {
                    auditEvent.Sequence = ++sequence;
                    var hash = AuditChain.ComputeHash(previous, auditEvent);
                    await db.AuditEvents.Where(e => e.Id == auditEvent.Id)
                        .ExecuteUpdateAsync(set => set.SetProperty(e => e.Sequence, auditEvent.Sequence).SetProperty(e => e.Hash, hash), cancellationToken);
                    previous = hash;
                    lastId = auditEvent.Id;
                }

                if (batch.Count < BatchSize)
                {
                    return;
                }
            }
        }
        finally
        {
            await db.Database.UseTransactionAsync(null, CancellationToken.None);
        }
    }
}
