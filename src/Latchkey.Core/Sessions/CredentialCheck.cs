using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Sessions;

/// <summary>
/// What a session cookie check and a Bearer token check share: this node's <see cref="SessionCache"/> first (keyed by
/// the secret; a cookie and a token cannot collide), else the stored row and its account, which must be enabled with
/// panel access. Last-seen is written at most once per <see cref="LatchkeySessionOptions.LastSeenResolution"/>.
/// A subclass says what a well-formed secret looks like, how its row is found and touched, and whether it idles out.
/// </summary>
public abstract class CredentialCheck(LatchkeyDbContext db, SessionCache cache, IStaleDeviceSource staleDevices, TimeProvider timeProvider, IOptions<LatchkeySessionOptions> options)
{
    /// <summary>The stored side of a live credential, before its account is read.</summary>
    protected sealed record StoredCredential(Guid Id, Guid AccountId, DateTimeOffset LastSeenAt, DateTimeOffset ExpiresAt, IReadOnlyList<string>? Scopes);

    protected LatchkeyDbContext Db => db;

    /// <summary>True when the credential ends after <see cref="LatchkeySessionOptions.IdleTimeout"/> without use.</summary>
    protected abstract bool IdlesOut { get; }

    public async Task<AuthenticatedSession?> HandleAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (!LooksValid(token))
        {
            return null;
        }

        var settings = options.Value;
        var now = timeProvider.GetUtcNow();
        var key = token!;
        if (cache.TryGet(key, settings.CacheLifetime, out var cached))
        {
            if (now >= cached.ExpiresAt || (IdlesOut && now - cached.LastSeenAt >= settings.IdleTimeout))
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
        var stored = await FindAsync(key, cancellationToken);
        if (stored is null || now >= stored.ExpiresAt || (IdlesOut && now - stored.LastSeenAt >= settings.IdleTimeout))
        {
            return null;
        }

        var account = await db.Users.AsNoTracking().Include(a => a.Roles).SingleOrDefaultAsync(a => a.Id == stored.AccountId, cancellationToken);
        if (account is null || account.Disabled || !account.PanelAccess)
        {
            return null;
        }

        var lastSeen = stored.LastSeenAt;
        if (now - lastSeen >= settings.LastSeenResolution)
        {
            await TouchAsync(stored.Id, now, cancellationToken);
            lastSeen = now;
        }

        var stale = await staleDevices.ListAsync(account.Id, cancellationToken);
        var authenticated = new AuthenticatedSession(stored.Id, account.Id, account.Email ?? "", account.Domain, account.MustChangePassword, account.Roles, account, stale)
        {
            Scopes = stored.Scopes,
        };
        cache.Set(key, cache.NewEntry(authenticated, lastSeen, stored.ExpiresAt), epoch);
        return authenticated;
    }

    /// <summary>
    /// The cache's answer alone, for the hot path: the credential when it is cached, live, and owes no last-seen
    /// write. Null means "ask <see cref="HandleAsync"/>", which also handles expiry and the last-seen write.
    /// </summary>
    protected static AuthenticatedSession? FromCache(SessionCache cache, string token, bool idlesOut, DateTimeOffset now, LatchkeySessionOptions settings)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(settings);
        return cache.TryGet(token, settings.CacheLifetime, out var cached)
            && now < cached.ExpiresAt
            && now - cached.LastSeenAt < settings.LastSeenResolution
            && (!idlesOut || now - cached.LastSeenAt < settings.IdleTimeout)
                ? cached.Session
                : null;
    }

    protected abstract bool LooksValid(string? token);

    /// <summary>The credential's row when it exists and is not revoked (expiry is checked by the caller).</summary>
    protected abstract Task<StoredCredential?> FindAsync(string token, CancellationToken cancellationToken);

    protected abstract Task TouchAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken);
}
