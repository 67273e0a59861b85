using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Tokens;

/// <summary>
/// Revokes one live token of an account: by its owner, or by staff whose role lets them end the account's sessions
/// (<see cref="AdminAction.RevokeSessions"/>, checked by <see cref="AccountAccess"/>). The token is refused on its next request on every node.
/// </summary>
public sealed class RevokeApiTokenHandler(LatchkeyDbContext db, ApiTokenRevoker revoker, AccountAccess access, AuditLog auditLog)
{
    public async Task<Result<bool>> HandleAsync(Guid accountId, Guid tokenId, Actor actor, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(context);
        var own = actor.AccountId == accountId;
        if (!own && (await access.CheckAsync(accountId, actor, AdminAction.RevokeSessions, context, cancellationToken)).Failure is { } refused)
        {
            return refused;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await revoker.RevokeOneAsync(accountId, tokenId, own ? "revoked_by_user" : "revoked_by_staff", cancellationToken) == 0)
        {
            return Result<bool>.Fail(ErrorCodes.NotFound, own ? "No such live token of yours." : "The account has no such live token.");
        }

        var email = await db.Users.AsNoTracking().Where(a => a.Id == accountId).Select(a => a.Email).SingleOrDefaultAsync(cancellationToken);
        auditLog.Add(AuditEventTypes.ApiTokenRevoked, AuditEventTypes.Success, context, accountId, email, tokenId.ToString());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<bool>.Ok(true);
    }
}
