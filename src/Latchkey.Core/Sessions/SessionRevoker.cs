using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Sessions;

/// <summary>
/// The one way sessions end: password change, admin reset, "log out of all devices", disabling an account, a
/// single sign-out. It writes inside the caller's transaction, so sessions end exactly when the change that ends
/// them commits; every node's cache forgets them at that moment (this node's through
/// <see cref="SessionInvalidationInterceptor"/>, the others' through PostgreSQL NOTIFY sent in the same
/// transaction, which PostgreSQL delivers only on commit).
/// </summary>
public sealed class SessionRevoker(
    LatchkeyDbContext db,
    SessionInvalidationInterceptor interceptor,
    IEnumerable<ISignOutEverywhereHook> everywhere,
    TimeProvider timeProvider)
{
    public const string NotifyChannel = "latchkey_sessions";

    /// <summary>
    /// Ends every live session of the account except <paramref name="keep"/>; returns how many ended. Without
    /// <paramref name="keep"/> it signs the account out everywhere: every <see cref="ISignOutEverywhereHook"/> (API
    /// tokens, OpenID Connect grants) ends its part in the same transaction.
    /// </summary>
    public async Task<int> RevokeAllAsync(Guid accountId, Guid? keep, string reason, CancellationToken cancellationToken = default)
    {
        var ended = await RevokeAsync(accountId, db.Sessions.Where(s => s.AccountId == accountId && s.RevokedAt == null && (keep == null || s.Id != keep)), reason, cancellationToken);
        if (keep is null)
        {
            foreach (var hook in everywhere)
            {
                await hook.SignedOutEverywhereAsync(accountId, reason, cancellationToken);
            }

            if (ended == 0)
            {
                await AccountChangedAsync(accountId, cancellationToken);
            }
        }

        return ended;
    }

    /// <summary>Ends one session of the account; 0 when it is not the account's or has already ended.</summary>
    public Task<int> RevokeOneAsync(Guid accountId, Guid sessionId, string reason, CancellationToken cancellationToken = default) =>
        RevokeAsync(accountId, db.Sessions.Where(s => s.Id == sessionId && s.AccountId == accountId && s.RevokedAt == null), reason, cancellationToken);

    /// <summary>
    /// The account changed in a way its sessions show (roles, flags, lock, password): every node drops its cached
    /// copies when the caller's transaction commits, so the next request reads the account afresh.
    /// </summary>
    public async Task AccountChangedAsync(Guid accountId, CancellationToken cancellationToken = default)
    {
        db.PendingSessionInvalidations.Add(accountId);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({NotifyChannel}, {accountId.ToString()})", cancellationToken);
        }

        if (db.Database.CurrentTransaction is null)
        {
            interceptor.Flush(db);
        }
    }

    private async Task<int> RevokeAsync(Guid accountId, IQueryable<Session> sessions, string reason, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var ended = await sessions.ExecuteUpdateAsync(
            set => set.SetProperty(s => s.RevokedAt, now).SetProperty(s => s.RevokedReason, reason), cancellationToken);
        if (ended == 0)
        {
            return 0;
        }

        await AccountChangedAsync(accountId, cancellationToken);
        LatchkeyMetrics.Revoked(ended);
        return ended;
    }
}
