using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Latchkey.Core.TwoFactor;

/// <summary>
/// The helpdesk's <em>Reset second factor</em> for someone who lost their phone: removes the authenticator app,
/// every passkey and every recovery code, ends every session, e-mails the owner, notifies the security team for a
/// Manager or Administrator, and audits it, in one transaction. Who may is <see cref="AccessPolicy"/>'s
/// <see cref="AdminAction.ResetSecondFactor"/> (Operators and up, within the role boundaries), and an actor with a
/// second factor needs a fresh step-up; refusals are audited.
/// </summary>
public sealed class ResetSecondFactorHandler(
    LatchkeyDbContext db,
    StepUp stepUp,
    SecondFactorChanges changes,
    AuditLog auditLog,
    ILogger<ResetSecondFactorHandler> logger)
{
    public async Task<Result<Account>> HandleAsync(Guid accountId, Actor actor, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(context);
        var account = await db.Users.Include(a => a.Roles).SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account?.Email is null)
        {
            return Result<Account>.Fail(ErrorCodes.NotFound, "No such account.");
        }

        if (AccessPolicy.CanActOn(actor, account, AdminAction.ResetSecondFactor) is { } refused)
        {
            return await auditLog.RefusedAsync(refused, context, account.Id, account.Email, nameof(AdminAction.ResetSecondFactor), cancellationToken);
        }

        if (await stepUp.RequireAsync(actor, cancellationToken) is { } stepUpRequired)
        {
            return stepUpRequired;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await changes.ResetAsync(account, actor, context, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        TwoFactorLog.Reset(logger, accountId, actor.Email);
        return Result<Account>.Ok(account);
    }
}
