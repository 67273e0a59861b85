using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.TwoFactor;

/// <summary>
/// A signed-in person confirms it is them with a TOTP code or a recovery code: the session counts as checked for
/// <see cref="StepUpOptions.StepUpWindow"/>. A wrong code counts toward the lock like a wrong password.
/// </summary>
public sealed class VerifyStepUpHandler(LatchkeyDbContext db, SecondFactorVerifier verifier, SecondFactorFailures failures, StepUp stepUp, AuditLog auditLog)
{
    public const string NoFactorMessage = "This account has no second factor to confirm with.";

    public async Task<Result<string>> HandleAsync(Guid accountId, Guid sessionId, string? code, string? recoveryCode, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrWhiteSpace(code) && string.IsNullOrWhiteSpace(recoveryCode))
        {
            return Failure.Field(ErrorCodes.Validation, "code", "Enter the code from your authenticator app or a recovery code.");
        }

        var account = await db.Users.SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null || !account.TwoFactorEnabled)
        {
            return Result<string>.Fail(ErrorCodes.Conflict, NoFactorMessage);
        }

        var method = await verifier.VerifyAsync(account, code, recoveryCode, context, cancellationToken);
        if (method is null)
        {
            await failures.RecordAsync(null, account, code ?? recoveryCode ?? "", context, cancellationToken);
            return Failure.Field(ErrorCodes.Validation, string.IsNullOrWhiteSpace(code) ? "recoveryCode" : "code", CompleteTwoFactorSignInHandler.WrongCodeMessage);
        }

        await stepUp.MarkAsync(sessionId, cancellationToken);
        auditLog.Add(AuditEventTypes.StepUp, AuditEventTypes.Success, context, accountId, account.Email, method);
        await db.SaveChangesAsync(cancellationToken);
        return Result<string>.Ok(method);
    }
}
