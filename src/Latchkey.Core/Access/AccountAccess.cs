using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Access;

/// <summary>
/// The gate every Core handler passes before it acts on another account for someone: it loads the account with its
/// roles, asks <see cref="AccessPolicy.CanActOn"/>, records a refusal in the audit log (<see cref="AuditEventTypes.Forbidden"/>,
/// detail the action), and applies the <see cref="StepUp"/> rule. Handlers call it first and return its failure as it is:
/// <see cref="ErrorCodes.NotFound"/>, <see cref="ErrorCodes.Forbidden"/> or <see cref="ErrorCodes.StepUpRequired"/>.
/// </summary>
public sealed class AccountAccess(LatchkeyDbContext db, StepUp stepUp, AuditLog auditLog)
{
    /// <summary>The account, tracked (a handler may change it and save), or the refusal.</summary>
    public Task<Result<Account>> CheckAsync(Guid accountId, Actor actor, AdminAction action, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return CheckAsync(accountId, actor, account => AccessPolicy.CanActOn(actor, account, action), action.ToString(), context, cancellationToken);
    }

    /// <summary>
    /// The same gate for a decision that needs more than one action (an <see cref="AccessPolicy"/> rule over the loaded
    /// account, such as <see cref="AccessPolicy.CanChangeRole"/>); <paramref name="detail"/> is the refusal's audit detail.
    /// </summary>
    public async Task<Result<Account>> CheckAsync(Guid accountId, Actor actor, Func<Account, Failure?> decide, string detail, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(decide);
        ArgumentNullException.ThrowIfNull(context);
        var account = await db.Users.Include(a => a.Roles).SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return Result<Account>.Fail(ErrorCodes.NotFound, "No such account.");
        }

        if (decide(account) is { } refused)
        {
            return await auditLog.RefusedAsync(refused, context, account.Id, account.Email, detail, cancellationToken);
        }

        return await stepUp.RequireAsync(actor, cancellationToken) is { } stepUpRequired ? stepUpRequired : Result<Account>.Ok(account);
    }
}
