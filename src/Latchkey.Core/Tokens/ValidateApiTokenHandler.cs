using Latchkey.Core.Data;
using Latchkey.Core.Lockout;
using Latchkey.Core.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Tokens;

/// <summary>
/// Decides whether a Bearer token is live: present, not revoked, not expired, of an enabled account with panel
/// access. It shares the sessions' <see cref="SessionCache"/> (keyed by the token, which cannot collide with a
/// cookie), so a token check costs what a session check costs, and every revocation of the account's sessions or
/// tokens empties it on every node at commit. Last-used is written at most once per
/// <see cref="LatchkeySessionOptions.LastSeenResolution"/>.
/// </summary>
public sealed class ValidateApiTokenHandler(LatchkeyDbContext db, SessionCache cache, StaleDevices staleDevices, TimeProvider timeProvider, IOptions<LatchkeySessionOptions> options)
{
    /// <summary>The cache's answer alone, for the hot path; null means "ask <see cref="HandleAsync"/>".</summary>
    public static AuthenticatedSession? FromCache(SessionCache cache, string? token, DateTimeOffset now, LatchkeySessionOptions settings)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(settings);
        return ApiTokenSecrets.LooksValid(token)
            && cache.TryGet(token!, settings.CacheLifetime, out var cached)
            && now < cached.ExpiresAt
            && now - cached.LastSeenAt < settings.LastSeenResolution
                ? cached.Session
                : null;
    }

    public async Task<AuthenticatedSession?> HandleAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (!ApiTokenSecrets.LooksValid(token))
        {
            return null;
        }

        var settings = options.Value;
        var now = timeProvider.GetUtcNow();
        var key = token!;
        if (cache.TryGet(key, settings.CacheLifetime, out var cached))
        {
            if (now >= cached.ExpiresAt)
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
        var hash = ApiTokenSecrets.Hash(key);
        var row = await db.ApiTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (row is null || row.RevokedAt is not null || now >= row.ExpiresAt)
        {
            return null;
        }

        var account = await db.Users.AsNoTracking().Include(a => a.Roles).SingleOrDefaultAsync(a => a.Id == row.AccountId, cancellationToken);
        if (account is null || account.Disabled || !account.PanelAccess)
        {
            return null;
        }

        var lastUsed = row.LastUsedAt ?? DateTimeOffset.MinValue;
        if (now - lastUsed >= settings.LastSeenResolution)
        {
            await TouchAsync(row.Id, now, cancellationToken);
            lastUsed = now;
        }

        var stale = await staleDevices.ListAsync(account.Id, cancellationToken);
        var authenticated = new AuthenticatedSession(row.Id, account.Id, account.Email ?? "", account.Domain, account.MustChangePassword, account.Roles, account, stale)
        {
            Scopes = ApiTokenScopes.Split(row.Scopes),
        };
        cache.Set(key, cache.NewEntry(authenticated, lastUsed, row.ExpiresAt), epoch);
        return authenticated;
    }

    private Task<int> TouchAsync(Guid tokenId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.ApiTokens.Where(t => t.Id == tokenId).ExecuteUpdateAsync(set => set.SetProperty(t => t.LastUsedAt, now), cancellationToken);
}
