using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Sessions;
using Microsoft.Extensions.Logging;

namespace Latchkey.Core.Accounts;

/// <summary>
/// "Log out of all devices" (every session, this one included) and "Sign out other sessions" (all but
/// <c>keep</c>): by the account itself, or by staff whose role lets them end its sessions
/// (<see cref="AdminAction.RevokeSessions"/>, checked by <see cref="AccountAccess"/>).
/// </summary>
public sealed class RevokeAllSessionsHandler(LatchkeyDbContext db, AccountAccess access, SessionRevoker revoker, AuditLog auditLog, ILogger<RevokeAllSessionsHandler> logger)
{
    /// <summary>The number of sessions ended, or the refusal.</summary>
    public async Task<Result<int>> HandleAsync(Guid accountId, Guid? keep, Actor actor, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(context);
        var email = actor.Email;
        if (actor.AccountId != accountId)
        {
            var allowed = await access.CheckAsync(accountId, actor, AdminAction.RevokeSessions, context, cancellationToken);
            if (!allowed.Succeeded)
            {
                return allowed.Failure;
            }

            email = allowed.Value.Email;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ended = await revoker.RevokeAllAsync(accountId, keep, keep is null ? "logout_all_devices" : "logout_other_sessions", cancellationToken);
        auditLog.Add(AuditEventTypes.SessionsRevoked, AuditEventTypes.Success, context, accountId, email, keep is null ? "all" : "others");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        SessionsLog.SessionsRevoked(logger, accountId, ended);
        return Result<int>.Ok(ended);
    }
}
