using Latchkey.Core.Data;
using Latchkey.Core.Lockout;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Sessions;

/// <summary>
/// Decides whether a cookie's token names a live session: present, not revoked, within its absolute lifetime and
/// idle timeout, of an enabled account with panel access. The answer comes from this node's
/// <see cref="SessionCache"/> when it can, else from the store. Last-seen is written at most once per
/// <see cref="LatchkeySessionOptions.LastSeenResolution"/>, never on every request.
/// </summary>
public sealed class ValidateSessionHandler(LatchkeyDbContext db, SessionCache cache, StaleDevices staleDevices, TimeProvider timeProvider, IOptions<LatchkeySessionOptions> options)
{
    /// <summary>
    /// The answer of this node's cache alone, for the hot path: the session when it is cached, live, and owes no
    /// last-seen write. Null means "ask <see cref="HandleAsync"/>", which also handles expiry and the last-seen write;
    /// the caller then needs no scope, store connection or handler for the common request.
    /// </summary>
    public static AuthenticatedSession? FromCache(SessionCache cache, string? token, DateTimeOffset now, LatchkeySessionOptions settings)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(settings);
        return SessionTokens.LooksValid(token)
            && cache.TryGet(token!, settings.CacheLifetime, out var cached)
            && now < cached.ExpiresAt
            && now - cached.LastSeenAt < settings.LastSeenResolution
            && now - cached.LastSeenAt < settings.IdleTimeout
                ? cached.Session
                : null;
    }

    public async Task<AuthenticatedSession?> HandleAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (!SessionTokens.LooksValid(token))
        {
            return null;
        }

        var settings = options.Value;
        var now = timeProvider.GetUtcNow();
        var key = token!;
        if (cache.TryGet(key, settings.CacheLifetime, out var cached))
        {
            if (now >= cached.ExpiresAt || now - cached.LastSeenAt >= settings.IdleTimeout)
            {
                cache.Remove(key);
                return null;
            }

            if (now - cached.LastSeenAt >= settings.LastSeenResolution)
            {
                await TouchAsync(cached.Session.SessionId, now, cancellationToken);
                cache.Touch(key, now);
            }

            return cached.Session;
        }

        var epoch = cache.Epoch;
        var hash = SessionTokens.Hash(key);
        var session = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.TokenHash == hash, cancellationToken);
        if (session is null || session.RevokedAt is not null || now >= session.ExpiresAt
            || now - session.LastSeenAt >= settings.IdleTimeout)
        {
            return null;
        }

        var account = await db.Users.AsNoTracking().Include(a => a.Roles)
            .SingleOrDefaultAsync(a => a.Id == session.AccountId, cancellationToken);
        if (account is null || account.Disabled || !account.PanelAccess)
        {
            return null;
        }

        var lastSeen = session.LastSeenAt;
        if (now - lastSeen >= settings.LastSeenResolution)
        {
            await TouchAsync(session.Id, now, cancellationToken);
            lastSeen = now;
        }

        var stale = await staleDevices.ListAsync(account.Id, cancellationToken);
        var authenticated = new AuthenticatedSession(session.Id, account.Id, account.Email ?? "", account.Domain, account.MustChangePassword, account.Roles, account, stale);
        cache.Set(key, cache.NewEntry(authenticated, lastSeen, session.ExpiresAt), epoch);
        return authenticated;
    }

    private Task<int> TouchAsync(Guid sessionId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Sessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(set => set.SetProperty(s => s.LastSeenAt, now), cancellationToken);
}
