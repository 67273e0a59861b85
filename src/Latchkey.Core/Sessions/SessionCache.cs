using System.Collections.Concurrent;
using Latchkey.Core.Common;

namespace Latchkey.Core.Sessions;

/// <summary>
/// This node's copy of live sessions, so an authenticated request normally costs no store read.
/// </summary>
/// <remarks>
/// Correctness rests on invalidation, not on expiry: every revocation removes the account's entries once its
/// transaction commits (here at once; on other nodes through PostgreSQL NOTIFY, or the SQLite signal file). A request that
/// read the store before such a commit may not put its stale copy in afterwards: inserts carry the
/// <see cref="Epoch"/> read before the store was asked, and are dropped if any invalidation happened since.
/// While the bus is down the cache is switched off and every request reads the store. Entries also age out after
/// <see cref="LatchkeySessionOptions.CacheLifetime"/> as a second line of defence.
/// </remarks>
public sealed class SessionCache(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _epoch;
    private volatile bool _enabled = true;

    public long Epoch => Interlocked.Read(ref _epoch);

    public int Count => _entries.Count;

    /// <summary>Off while this node cannot hear other nodes' revocations.</summary>
    public bool Enabled
    {
        get => _enabled;
        set
        {
            _enabled = value;
            Clear();
        }
    }

    public bool TryGet(string key, TimeSpan lifetime, out Entry entry)
    {
        if (_enabled && _entries.TryGetValue(key, out entry!) && timeProvider.GetUtcNow() - entry.CachedAt < lifetime)
        {
            LatchkeyMetrics.SessionCache(hit: true);
            return true;
        }

        LatchkeyMetrics.SessionCache(hit: false);
        entry = null!;
        return false;
    }

    /// <summary>Stores an entry unless an invalidation happened after <paramref name="epochBeforeRead"/>.</summary>
    public void Set(string key, Entry entry, long epochBeforeRead)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!_enabled || Epoch != epochBeforeRead)
        {
            return;
        }

        _entries[key] = entry;
        if (Epoch != epochBeforeRead)
        {
            _entries.TryRemove(key, out _);
        }
    }

    public void Touch(string key, DateTimeOffset lastSeen)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            _entries.TryUpdate(key, entry with { LastSeenAt = lastSeen }, entry);
        }
    }

    public void Remove(string key) => _entries.TryRemove(key, out _);

    public void InvalidateAccount(Guid accountId)
    {
        Interlocked.Increment(ref _epoch);
        foreach (var (key, entry) in _entries)
        {
            if (entry.Session.AccountId == accountId)
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    public void Clear()
    {
        Interlocked.Increment(ref _epoch);
        _entries.Clear();
    }

    public Entry NewEntry(AuthenticatedSession session, DateTimeOffset lastSeenAt, DateTimeOffset expiresAt) =>
        new(session, lastSeenAt, expiresAt, timeProvider.GetUtcNow());

    /// <summary>A cached live session with the times needed to expire it without the store.</summary>
    public sealed record Entry(AuthenticatedSession Session, DateTimeOffset LastSeenAt, DateTimeOffset ExpiresAt, DateTimeOffset CachedAt);
}
