using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;

namespace Latchkey.Core.Helpdesk;

/// <summary>
/// An account's lock, its recent failed logins and its stale devices, for staff whose role lets them view the account
/// (<see cref="AdminAction.View"/>, checked by <see cref="AccountAccess"/>).
/// </summary>
public sealed class GetLockoutHandler(AccountAccess access, LockoutReader reader)
{
    public async Task<Result<LockoutView>> HandleAsync(Guid accountId, Actor actor, AuditContext context, CancellationToken cancellationToken = default)
    {
        var allowed = await access.CheckAsync(accountId, actor, AdminAction.View, context, cancellationToken);
        return allowed.Succeeded ? Result<LockoutView>.Ok(await reader.ReadAsync(allowed.Value, cancellationToken)) : allowed.Failure;
    }
}
