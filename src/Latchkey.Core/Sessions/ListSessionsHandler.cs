using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Sessions;

/// <summary>The account's live sessions, the current one first, then by last activity.</summary>
public sealed class ListSessionsHandler(LatchkeyDbContext db, TimeProvider timeProvider, IOptions<LatchkeySessionOptions> options)
{
    public async Task<IReadOnlyList<SessionView>> HandleAsync(Guid accountId, Guid? currentSessionId, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var idleSince = now - options.Value.IdleTimeout;
        var sessions = await db.Sessions.AsNoTracking()
            .Where(s => s.AccountId == accountId && s.RevokedAt == null && s.ExpiresAt > now && s.LastSeenAt > idleSince)
            .ToListAsync(cancellationToken);
        return [.. sessions
            .OrderByDescending(s => s.Id == currentSessionId)
            .ThenByDescending(s => s.LastSeenAt)
            .Select(s => new SessionView(s.Id, s.Id == currentSessionId, DeviceDescription.FromUserAgent(s.UserAgent), s.Ip, s.CreatedAt, s.LastSeenAt))];
    }
}
