using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.TwoFactor;

/// <summary>After a fresh step-up, replaces every recovery code (used or not) with a new set, returned once.</summary>
public sealed class RegenerateRecoveryCodesHandler(LatchkeyDbContext db, StepUp stepUp, SecondFactorChanges changes, AuditLog auditLog)
{
    public async Task<Result<IReadOnlyList<string>>> HandleAsync(Guid accountId, Guid? sessionId, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var account = await db.Users.AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null || !account.TwoFactorEnabled)
        {
            return Result<IReadOnlyList<string>>.Fail(ErrorCodes.Conflict, "Recovery codes come with a second factor: set one up first.");
        }

        if (await stepUp.RequireAsync(accountId, sessionId, cancellationToken) is { } stepUpRequired)
        {
            return stepUpRequired;
        }

        var codes = changes.ReplaceRecoveryCodes(accountId);
        auditLog.Add(AuditEventTypes.RecoveryCodesRegenerated, AuditEventTypes.Success, context, accountId, account.Email);
        await db.SaveChangesAsync(cancellationToken);
        return Result<IReadOnlyList<string>>.Ok(codes);
    }
}
