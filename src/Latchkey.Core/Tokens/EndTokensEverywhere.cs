using Latchkey.Core.Data;
using Latchkey.Core.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Tokens;

/// <summary>
/// Whenever all of an account's sessions end (log out of all devices, disabling, a reset or a change that signs out
/// everywhere), its API tokens end too, in the same transaction; <see cref="SessionRevoker"/> then has every node's
/// cache forget them at commit.
/// </summary>
internal sealed class EndTokensEverywhere(LatchkeyDbContext db, TimeProvider timeProvider) : ISignOutEverywhereHook
{
    public Task SignedOutEverywhereAsync(Guid accountId, string reason, CancellationToken cancellationToken) =>
        EndAsync(Live(db, accountId), reason, timeProvider.GetUtcNow(), cancellationToken);

    internal static IQueryable<ApiToken> Live(LatchkeyDbContext db, Guid accountId) =>
        db.ApiTokens.Where(t => t.AccountId == accountId && t.RevokedAt == null);

    internal static Task<int> EndAsync(IQueryable<ApiToken> tokens, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        tokens.ExecuteUpdateAsync(set => set.SetProperty(t => t.RevokedAt, now).SetProperty(t => t.RevokedReason, reason), cancellationToken);
}
