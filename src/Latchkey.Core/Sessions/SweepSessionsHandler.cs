using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Sessions;

/// <summary>
/// Deletes session rows that can no longer be used and are older than the history kept
/// (<see cref="LatchkeySessionOptions.RetainEnded"/>): past their absolute lifetime, idle too long, or revoked.
/// </summary>
internal sealed class SweepSessionsHandler(LatchkeyDbContext db, TimeProvider timeProvider, IOptions<LatchkeySessionOptions> options)
{
    public Task<int> HandleAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var cutoff = timeProvider.GetUtcNow() - settings.RetainEnded;
        var idleCutoff = cutoff - settings.IdleTimeout;
        return db.Sessions
            .Where(s => s.ExpiresAt < cutoff || s.LastSeenAt < idleCutoff || s.RevokedAt < cutoff)
            .ExecuteDeleteAsync(cancellationToken);
    }
}
