using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Microsoft.Extensions.Logging;

namespace Latchkey.Core.Sessions;

/// <summary>Ends one session of the account. The row is kept (revoked) for the session history; its token no longer works.</summary>
public sealed class SignOutHandler(LatchkeyDbContext db, SessionRevoker revoker, AuditLog auditLog, ILogger<SignOutHandler> logger)
{
    public async Task<bool> HandleAsync(Guid accountId, Guid sessionId, AuditContext context, string reason = "sign_out", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await revoker.RevokeOneAsync(accountId, sessionId, reason, cancellationToken) == 0)
        {
            return false;
        }

        auditLog.Add(AuditEventTypes.SignOut, AuditEventTypes.Success, context, accountId, context.ActorEmail, reason);
        await db.SaveChangesAsync(cancellationToken);
        SessionsLog.SessionEnded(logger, sessionId, reason);
        return true;
    }
}
