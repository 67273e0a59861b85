using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Microsoft.Extensions.Logging;

namespace Latchkey.Core.Sessions;

/// <summary>
/// "Log out of all devices" (every session, this one included) and "Sign out other sessions" (all but
/// <c>keep</c>), for the user themself or for the helpdesk.
/// </summary>
public sealed class RevokeAllSessionsHandler(LatchkeyDbContext db, SessionRevoker revoker, AuditLog auditLog, ILogger<RevokeAllSessionsHandler> logger)
{
    public async Task<int> HandleAsync(Guid accountId, string? accountEmail, Guid? keep, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ended = await revoker.RevokeAllAsync(accountId, keep, keep is null ? "logout_all_devices" : "logout_other_sessions", cancellationToken);
        auditLog.Add(AuditEventTypes.SessionsRevoked, AuditEventTypes.Success, context, accountId, accountEmail, keep is null ? "all" : "others");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        SessionsLog.SessionsRevoked(logger, accountId, ended);
        return ended;
    }
}
