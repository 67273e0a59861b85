using Latchkey.Core.Data;
using Latchkey.Core.Sessions;

namespace Latchkey.Core.Tokens;

/// <summary>
/// Ends one token, or all of an account's, inside the caller's transaction, and, like <see cref="SessionRevoker"/>,
/// has every node's cache forget the account's cached tokens when it commits: a revoked token is refused on its very
/// next request on every node.
/// </summary>
public sealed class ApiTokenRevoker(LatchkeyDbContext db, SessionRevoker sessions, TimeProvider timeProvider)
{
    public Task<int> RevokeOneAsync(Guid accountId, Guid tokenId, string reason, CancellationToken cancellationToken = default) =>
        RevokeAsync(accountId, EndTokensEverywhere.Live(db, accountId).Where(t => t.Id == tokenId), reason, cancellationToken);

    public Task<int> RevokeAllAsync(Guid accountId, string reason, CancellationToken cancellationToken = default) =>
        RevokeAsync(accountId, EndTokensEverywhere.Live(db, accountId), reason, cancellationToken);

    private async Task<int> RevokeAsync(Guid accountId, IQueryable<ApiToken> tokens, string reason, CancellationToken cancellationToken)
    {
        var ended = await EndTokensEverywhere.EndAsync(tokens, reason, timeProvider.GetUtcNow(), cancellationToken);
        if (ended > 0)
        {
            await sessions.AccountChangedAsync(accountId, cancellationToken);
        }

        return ended;
    }
}
