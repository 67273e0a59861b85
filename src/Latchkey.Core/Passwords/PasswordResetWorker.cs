using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Latchkey.Core.Passwords;

/// <summary>
/// Works on the stored "forgot password" requests (<see cref="PasswordResetRequests"/>), oldest first, each in its own
/// scope: a node claims a request with one conditional UPDATE (so two nodes never both work on it), runs
/// <see cref="RequestPasswordResetHandler"/>, and deletes the request in the same save as the token, the e-mail in
/// the outbox and the audit event. A request whose work fails stays, and is tried again when its claim runs
/// out (<see cref="ClaimLifetime"/>), by any node, up to <see cref="MaxAttempts"/> times.
/// </summary>
public sealed class PasswordResetWorker(PasswordResetSignal signal, IServiceScopeFactory scopes, TimeProvider timeProvider, ILogger<PasswordResetWorker> logger)
    : BackgroundService
{
    public const int MaxAttempts = 5;

    /// <summary>How long a claim holds: a node killed mid-work delays the request by this much, no more.</summary>
    public static readonly TimeSpan ClaimLifetime = TimeSpan.FromSeconds(30);

    /// <summary>How often a node looks for requests stored by other nodes or left by a dead one.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    private const int Batch = 32;

    /// <summary>Works on every request that is waiting and not claimed; returns how many were completed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        List<Guid> waiting;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var now = timeProvider.GetUtcNow();
            waiting = await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().PendingPasswordResets.AsNoTracking()
                .Where(r => r.ClaimedUntil == null || r.ClaimedUntil < now)
                .OrderBy(r => r.RequestedAt).Select(r => r.Id).Take(Batch).ToListAsync(cancellationToken);
        }

        var done = 0;
        foreach (var id in waiting)
        {
            try
            {
                done += await WorkOnAsync(id, cancellationToken) ? 1 : 0;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                PasswordsLog.ResetRequestFailed(logger, exception);
            }
        }

        return done;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    while (await RunOnceAsync(stoppingToken) == Batch)
                    {
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The store is unreachable: the requests wait in it; try again at the next turn.
                    PasswordsLog.ResetRequestFailed(logger, exception);
                }

                await signal.WaitAsync(PollInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<bool> WorkOnAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
        var now = timeProvider.GetUtcNow();
        var claimed = await db.PendingPasswordResets
            .Where(r => r.Id == id && (r.ClaimedUntil == null || r.ClaimedUntil < now))
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.ClaimedUntil, now + ClaimLifetime).SetProperty(r => r.Attempts, r => r.Attempts + 1), cancellationToken);
        if (claimed == 0)
        {
            return false;
        }

        var request = await db.PendingPasswordResets.SingleAsync(r => r.Id == id, cancellationToken);
        if (request.Attempts > MaxAttempts)
        {
            PasswordsLog.ResetRequestAbandoned(logger, request.Attempts - 1);
            await db.PendingPasswordResets.Where(r => r.Id == id).ExecuteDeleteAsync(cancellationToken);
            return false;
        }

        // The delete rides on the handler's one SaveChanges with the rate-limit slot, the outbox message and the audit
        // event (no transaction held open around the handler: on SQLite the Data Protection key ring writes on its own
        // connection, so the handler opens its own only once the token is made); the handler's early returns save
        // nothing, so the delete is saved after it.
        db.PendingPasswordResets.Remove(request);
        var context = AuditContext.Anonymous(request.Ip.Length == 0 ? null : request.Ip, request.UserAgent.Length == 0 ? null : request.UserAgent);
        await scope.ServiceProvider.GetRequiredService<RequestPasswordResetHandler>().HandleAsync(request.Email, context, cancellationToken);
        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return true;
    }
}
