using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Accounts;

/// <summary>
/// The admin panel's small actions on one account, each checked by <see cref="AccessPolicy"/> and audited,
/// refusals included: disable, enable, end every session.
/// </summary>
public sealed class AdminAccountsHandler(
    LatchkeyDbContext db,
    SetAccountDisabledHandler setDisabled,
    RevokeAllSessionsHandler revokeAll,
    StepUp stepUp,
    AuditLog auditLog)
{
    public async Task<Result<Account>> SetDisabledAsync(Guid accountId, bool disabled, Actor actor, AuditContext context, CancellationToken cancellationToken = default)
    {
        var (account, refused) = await CheckAsync(accountId, actor, AdminAction.Disable, context, cancellationToken);
        return refused is not null ? refused : await setDisabled.HandleAsync(account!.Email!, disabled, context, cancellationToken);
    }

    public async Task<Result<int>> RevokeSessionsAsync(Guid accountId, Actor actor, AuditContext context, CancellationToken cancellationToken = default)
    {
        var (account, refused) = await CheckAsync(accountId, actor, AdminAction.RevokeSessions, context, cancellationToken);
        return refused is not null ? refused : Result<int>.Ok(await revokeAll.HandleAsync(account!.Id, account.Email, null, context, cancellationToken));
    }

    /// <summary>Loads the account and checks the actor; a refusal is audited and returned.</summary>
    public async Task<(Account? Account, Failure? Refused)> CheckAsync(Guid accountId, Actor actor, AdminAction action, AuditContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var account = await db.Users.AsNoTracking().Include(a => a.Roles).SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return (null, new Failure(ErrorCodes.NotFound, "No such account."));
        }

        if (AccessPolicy.CanActOn(actor, account, action) is { } refused)
        {
            return (account, await auditLog.RefusedAsync(refused, context, account.Id, account.Email, action.ToString(), cancellationToken));
        }

        return (account, await stepUp.RequireAsync(actor, cancellationToken));
    }
}
