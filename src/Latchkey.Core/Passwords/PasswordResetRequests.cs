using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Latchkey.Core.Passwords;

/// <summary>
/// "Forgot password" requests waiting for <see cref="PasswordResetWorker"/>: the page and the API store the request
/// (one insert, the same for every address) and answer, before any lookup, token or e-mail, so the answer and its
/// timing are the same for every address. Stored, not held in memory: a node killed after answering loses nothing.
/// Bounded (<see cref="Capacity"/> waiting); beyond it requests are dropped (and logged), never stored without limit.
/// </summary>
public sealed class PasswordResetRequests(LatchkeyDbContext db, PasswordResetSignal signal, TimeProvider timeProvider, ILogger<PasswordResetRequests> logger)
{
    public const int Capacity = 1024;

    public async Task EnqueueAsync(string? email, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await db.PendingPasswordResets.CountAsync(cancellationToken) >= Capacity)
        {
            PasswordsLog.ResetRequestDropped(logger);
            return;
        }

        db.PendingPasswordResets.Add(new PendingPasswordReset
        {
            Id = Guid.NewGuid(),
            Email = ColumnWidths.Fit(email ?? "", ColumnWidths.Login),
            Ip = ColumnWidths.Fit(context.Ip ?? "", ColumnWidths.Ip),
            UserAgent = ColumnWidths.Fit(context.UserAgent ?? "", ColumnWidths.UserAgent),
            RequestedAt = timeProvider.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        signal.Ring();
    }
}
