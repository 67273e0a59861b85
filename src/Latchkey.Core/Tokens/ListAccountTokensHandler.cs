using Latchkey.Core.Accounts;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;

namespace Latchkey.Core.Tokens;

/// <summary>Staff read another account's live tokens (never a secret) when their role lets them view it.</summary>
public sealed class ListAccountTokensHandler(AdminAccountsHandler admin, ListApiTokensHandler list)
{
    public async Task<Result<IReadOnlyList<ApiTokenView>>> HandleAsync(Guid accountId, Actor actor, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.AccountId != accountId && (await admin.CheckAsync(accountId, actor, AdminAction.View, context, cancellationToken)).Refused is { } refused)
        {
            return refused;
        }

        return Result<IReadOnlyList<ApiTokenView>>.Ok(await list.HandleAsync(accountId, cancellationToken));
    }
}
