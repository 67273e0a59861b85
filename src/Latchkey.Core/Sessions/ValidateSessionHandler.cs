using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Sessions;

/// <summary>
/// Decides whether a cookie's token names a live session: present, not revoked, within its absolute lifetime and
/// idle timeout, of an enabled account with panel access. Last-seen is written at most once per
/// <see cref="LatchkeySessionOptions.LastSeenResolution"/>, never on every request.
/// </summary>
public sealed class ValidateSessionHandler(LatchkeyDbContext db, TimeProvider timeProvider, IOptions<LatchkeySessionOptions> options)
{
    public async Task<AuthenticatedSession?> HandleAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (!SessionTokens.LooksValid(token))
        {
            return null;
        }

        var hash = SessionTokens.Hash(token!);
        var session = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.TokenHash == hash, cancellationToken);
        var now = timeProvider.GetUtcNow();
        if (session is null || session.RevokedAt is not null || now >= session.ExpiresAt
            || now - session.LastSeenAt >= options.Value.IdleTimeout)
        {
            return null;
        }

        var account = await db.Users.AsNoTracking().Include(a => a.Roles)
            .SingleOrDefaultAsync(a => a.Id == session.AccountId, cancellationToken);
        if (account is null || account.Disabled || !account.PanelAccess)
        {
            return null;
        }

        if (now - session.LastSeenAt >= options.Value.LastSeenResolution)
        {
            await db.Sessions.Where(s => s.Id == session.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.LastSeenAt, now), cancellationToken);
        }

        return new AuthenticatedSession(session.Id, account.Id, account.Email ?? "", account.Domain, account.MustChangePassword, account.Roles);
    }
}
