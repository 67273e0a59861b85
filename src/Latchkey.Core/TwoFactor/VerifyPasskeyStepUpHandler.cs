using Fido2NetLib;
using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.TwoFactor;

/// <summary>
/// Finishes a step-up with a passkey: the answer must claim a live <see cref="PasskeyCeremonies.StepUp"/> ceremony
/// begun for this account and be signed by one of its own passkeys, with user verification and a growing counter
/// (<see cref="PasskeyAssertions"/>). Then the session counts as checked for <see cref="StepUpOptions.StepUpWindow"/>
/// and the <see cref="AuditEventTypes.StepUp"/> event names the method, as with a code
/// (<see cref="VerifyStepUpHandler"/>). A refused answer counts toward the lock like a wrong code.
/// </summary>
public sealed class VerifyPasskeyStepUpHandler(LatchkeyDbContext db, PasskeyAssertions assertions, SecondFactorFailures failures, StepUp stepUp, AuditLog auditLog)
{
    public async Task<Result<string>> HandleAsync(
        Guid accountId, Guid sessionId, AuthenticatorAssertionRawResponse? response, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (response?.Response is null)
        {
            return Failure.Field(ErrorCodes.Validation, "credential", PasskeySignInHandler.RefusedMessage);
        }

        var account = await db.Users.SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null || !account.TwoFactorEnabled)
        {
            return Result<string>.Fail(ErrorCodes.Conflict, VerifyStepUpHandler.NoFactorMessage);
        }

        if (await assertions.ClaimAndVerifyAsync(PasskeyCeremonies.StepUp, accountId, response, cancellationToken) is null)
        {
            await failures.RecordAsync(null, account, "passkey:" + response.Id, context, cancellationToken);
            return Failure.Field(ErrorCodes.Validation, "credential", PasskeySignInHandler.RefusedMessage);
        }

        await stepUp.MarkAsync(sessionId, cancellationToken);
        auditLog.Add(AuditEventTypes.StepUp, AuditEventTypes.Success, context, accountId, account.Email, SecondFactorMethod.Passkey);
        await db.SaveChangesAsync(cancellationToken);
        return Result<string>.Ok(SecondFactorMethod.Passkey);
    }
}
