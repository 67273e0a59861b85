using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Latchkey.Core.Oidc;

/// <summary>
/// Wakes this node's <see cref="OidcLogoutDispatcher"/> the moment a unit of work that owes logout tokens commits
/// (<see cref="LatchkeyDbContext.LogoutDeliveriesOwed"/>), instead of at its next poll; other nodes still find the rows
/// by polling. A kick before the commit would find nothing, so only the commit (or a save outside a transaction) kicks.
/// </summary>
public sealed class LogoutDeliveryKick : DbTransactionInterceptor, ISaveChangesInterceptor, IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    /// <summary>Waits for a kick, at most <paramref name="timeout"/>.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _signal.Dispose();

    public void Kick()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already kicked: the dispatcher is about to run.
        }
    }

    public override Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        KickIfOwed(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        KickIfOwed(eventData.Context);
    }

    public override void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is LatchkeyDbContext db)
        {
            db.LogoutDeliveriesOwed = false;
        }
    }

    public override Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context?.Database.CurrentTransaction is null)
        {
            KickIfOwed(eventData.Context);
        }

        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(SavedChanges(eventData, result));

    private void KickIfOwed(DbContext? context)
    {
        if (context is LatchkeyDbContext { LogoutDeliveriesOwed: true } db)
        {
            db.LogoutDeliveriesOwed = false;
            Kick();
        }
    }
}
