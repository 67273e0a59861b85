using System.Data.Common;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Latchkey.Core.Sessions;

/// <summary>
/// Drops this node's cached sessions of every account whose sessions a transaction revoked, the moment that
/// transaction commits (not before: a reader could re-cache the still-live row); on SQLite it also raises the
/// signal file for the server when the change came from another process. A rollback forgets the list.
/// </summary>
public sealed class SessionInvalidationInterceptor(SessionCache cache, SessionSignalFile signalFile) : DbTransactionInterceptor
{
    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Flush(eventData.Context);
    }

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Flush(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        (eventData.Context as LatchkeyDbContext)?.PendingSessionInvalidations.Clear();
    }

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    /// <summary>Publishes what the context has pending; also called directly after a revocation outside a transaction.</summary>
    public void Flush(DbContext? context)
    {
        if (context is not LatchkeyDbContext db || db.PendingSessionInvalidations.Count == 0)
        {
            return;
        }

        var accounts = db.PendingSessionInvalidations.ToList();
        db.PendingSessionInvalidations.Clear();
        foreach (var account in accounts)
        {
            cache.InvalidateAccount(account);
        }

        if (db.Database.IsSqlite())
        {
            signalFile.Signal(accounts);
        }
    }
}
