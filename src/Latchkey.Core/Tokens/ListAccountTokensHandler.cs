using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;

namespace Latchkey.Core.Tokens;

/// <summary>
/// An account's live tokens (never a secret): its own, or another's for staff whose role lets them view it
/// (<see cref="AdminAction.View"/>, checked by <see cref="AccountAccess"/>).
/// </summary>
public sealed class ListAccountTokensHandler(AccountAccess access, ListApiTokensHandler list)
{
    public async Task<Result<IReadOnlyList<ApiTokenView>>> HandleAsync(Guid accountId, Actor actor, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.AccountId != accountId && (await access.CheckAsync(accountId, actor, AdminAction.View, context, cancellationToken)).Failure is { } refused)
        {
            return refused;
        }

        return Result<IReadOnlyList<ApiTokenView>>.Ok(await list.HandleAsync(accountId, cancellationToken));
    }
}
