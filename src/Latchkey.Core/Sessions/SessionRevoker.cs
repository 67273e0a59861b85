using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Sessions;

/// <summary>
/// The one way sessions end in bulk: password change, admin reset, "log out of all devices", disabling an account.
/// It writes inside the caller's transaction, so sessions end exactly when the change that ends them commits.
/// </summary>
public sealed class SessionRevoker(LatchkeyDbContext db, TimeProvider timeProvider)
{
    /// <summary>Ends every live session of the account except <paramref name="keep"/>; returns how many ended.</summary>
    public Task<int> RevokeAllAsync(Guid accountId, Guid? keep, string reason, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        return db.Sessions
            .Where(s => s.AccountId == accountId && s.RevokedAt == null && (keep == null || s.Id != keep))
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.RevokedAt, now).SetProperty(s => s.RevokedReason, reason), cancellationToken);
    }
}
