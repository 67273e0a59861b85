using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Latchkey.Core.Sessions;

/// <summary>Ends one session. The row is kept (revoked) for the session history; its token no longer works.</summary>
public sealed class SignOutHandler(LatchkeyDbContext db, AuditLog auditLog, TimeProvider timeProvider, ILogger<SignOutHandler> logger)
{
    public async Task<bool> HandleAsync(Guid sessionId, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = timeProvider.GetUtcNow();
        var ended = await db.Sessions.Where(s => s.Id == sessionId && s.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.RevokedAt, now).SetProperty(s => s.RevokedReason, "sign_out"), cancellationToken);
        if (ended == 0)
        {
            return false;
        }

        auditLog.Add(AuditEventTypes.SignOut, AuditEventTypes.Success, context, context.ActorId, context.ActorEmail);
        await db.SaveChangesAsync(cancellationToken);
        SessionsLog.SessionEnded(logger, sessionId, "sign_out");
        return true;
    }
}
