using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Latchkey.Core.Audit;

/// <summary>
/// Chains the audit events a unit of work adds (<see cref="AuditLog.Add"/>) at the moment it saves them: each gets
/// the next <see cref="AuditEvent.Sequence"/> and its <see cref="AuditEvent.Hash"/> (HMAC-SHA256 under the
/// <see cref="AuditChainKey"/>) over the newest committed event, in the same transaction as the insert. Changing or
/// deleting a tracked audit event throws. A key file that is not the one the store's chain was keyed with
/// (<see cref="AuditChainKeying"/>) refuses every append rather than write links no one can verify.
/// </summary>
/// <remarks>
/// <para>
/// Why this is right when many writers append at once (several requests, several nodes on one PostgreSQL, the CLI
/// beside the server on SQLite): reading the head and inserting after it happen inside one transaction that holds
/// an exclusive append lock until it commits, so no other writer can read the same head meanwhile.
/// </para>
/// <list type="bullet">
/// <item>PostgreSQL: <c>pg_advisory_xact_lock</c> on <see cref="AdvisoryLockKey"/>, taken before the head is read and
/// released by PostgreSQL only when the transaction ends. At READ COMMITTED (the default; audit-writing transactions
/// must not use a stricter level) the head query that follows sees every event committed by the previous holder.</item>
/// <item>SQLite: every transaction Microsoft.Data.Sqlite opens is <c>BEGIN IMMEDIATE</c>, which takes the database's
/// single write lock (across processes) before anything is read, and keeps it to the commit.</item>
/// </list>
/// <para>
/// When the caller has no transaction open, one is opened here and committed right after the save. A rollback
/// takes the events with it and the head stays where it was. A unique index on the sequence backs the argument:
/// should two writers ever read the same head, the second insert fails instead of forking the chain.
/// </para>
/// <para>
/// The cost is that audit-writing transactions commit one after the other from their save to their commit. Add
/// audit events last in a unit of work (as every handler does: add, save, commit) so that span stays short.
/// </para>
/// </remarks>
internal sealed class AuditChainInterceptor(AuditChainKey key) : SaveChangesInterceptor
{
    /// <summary>The newest event's sequence and hash (null: an empty log); compiled once, as every audited save asks.</summary>
    private static readonly CompiledQuery<Func<LatchkeyDbContext, CancellationToken, Task<ChainHead?>>> _head = new(() =>
        EF.CompileAsyncQuery((LatchkeyDbContext context, CancellationToken _) =>
            context.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence).Select(e => new ChainHead(e.Sequence, e.Hash)).FirstOrDefault()));

    private AuditChainKeying? _keying;

    /// <summary>The PostgreSQL advisory lock key of appends: "LkAudit1" in ASCII.</summary>
    public const long AdvisoryLockKey = 0x4C6B_4175_6469_7431;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is LatchkeyDbContext db && Pending(db).Count > 0)
        {
            throw new InvalidOperationException("Audit events are saved with SaveChangesAsync, which chains them.");
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is LatchkeyDbContext db)
        {
            await ChainAsync(db, cancellationToken);
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is LatchkeyDbContext { OwnedAuditTransaction: { } transaction } db)
        {
            db.OwnedAuditTransaction = null;
            await using (transaction)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }

        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        await RollBackOwnedAsync(eventData.Context);
    }

    public override async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        await RollBackOwnedAsync(eventData.Context);
    }

    private async Task ChainAsync(LatchkeyDbContext db, CancellationToken cancellationToken)
    {
        var pending = Pending(db);
        if (pending.Count == 0)
        {
            return;
        }

        if (db.Database.CurrentTransaction is null)
        {
            db.OwnedAuditTransaction = await db.Database.BeginTransactionAsync(cancellationToken);
        }

        try
        {
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
            }

            var head = await _head.For(db)(db, cancellationToken);
            var sequence = head?.Sequence ?? 0;
            var previous = head?.Hash ?? AuditChain.Genesis.ToArray();
            var keying = _keying ??= await CheckedKeyingAsync(db, cancellationToken);
            foreach (var auditEvent in pending)
            {
                ++sequence;
                AuditChain.Seal(auditEvent, sequence, previous, sequence >= keying.KeyedFrom ? key.Key : []);
                previous = auditEvent.Hash;
            }
        }
        catch
        {
            await RollBackOwnedAsync(db);
            throw;
        }
    }

    private async Task<AuditChainKeying> CheckedKeyingAsync(LatchkeyDbContext db, CancellationToken cancellationToken)
    {
        var keying = await AuditChainKeying.ReadAsync(db, cancellationToken)
            ?? throw new StoreUnavailableException("The audit chain's keying row (audit_chain_keying) is missing: the store was tampered with. Run latchkey audit verify.");
        return keying.MadeWith(key.Key)
            ? keying
            : throw new StoreUnavailableException(
                $"The key file {key.KeyFilePath} is not the one this store's audit chain was keyed with, so no audit event can be written. " +
                "Put the store's own key file back (Latchkey:KeyFile); every node needs the same file.");
    }

    private sealed record ChainHead(long Sequence, byte[] Hash);

    private static List<AuditEvent> Pending(LatchkeyDbContext db)
    {
        var pending = new List<AuditEvent>();
        foreach (var entry in db.ChangeTracker.Entries<AuditEvent>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    pending.Add(entry.Entity);
                    break;
                case EntityState.Modified or EntityState.Deleted:
                    throw new InvalidOperationException("The audit log is append-only: an audit event is never changed or deleted.");
            }
        }

        return pending;
    }

    private static async Task RollBackOwnedAsync(DbContext? context)
    {
        if (context is LatchkeyDbContext { OwnedAuditTransaction: { } transaction } db)
        {
            db.OwnedAuditTransaction = null;
            await transaction.DisposeAsync();
        }
    }
}
