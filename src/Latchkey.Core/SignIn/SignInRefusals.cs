using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Lockout;
using Microsoft.Extensions.Logging;

namespace Latchkey.Core.SignIn;

/// <summary>
/// How a web sign-in is refused: the failed attempt counted where it counts (<see cref="FailedSignInRecorder"/>),
/// then one audit event with the real reason, the log line and the metric, and the one answer
/// (<see cref="SignInHandler.RefusedMessage"/>) whatever the reason.
/// </summary>
public sealed class SignInRefusals(LatchkeyDbContext db, AuditLog auditLog, FailedSignInRecorder failures, ILogger<SignInRefusals> logger)
{
    /// <summary>Records a wrong password (or an unknown address: <paramref name="account"/> null) and refuses.</summary>
    public async Task<Result<SignedIn>> WrongPasswordAsync(
        AuditContext context, Account? account, string login, SignInRequest request, bool previous, string? deviceId, string reason,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await failures.RecordAsync(account, login, request.Password, previous, deviceId, request.Ip, request.UserAgent, cancellationToken);
        return await RefuseAsync(context, account?.Id, account?.Email ?? login, reason, cancellationToken);
    }

    /// <summary>Refuses without counting a failure (locked, disabled, no panel access, the address throttled).</summary>
    public async Task<Result<SignedIn>> RefuseAsync(AuditContext context, Guid? accountId, string? email, string reason, CancellationToken cancellationToken)
    {
        auditLog.Add(AuditEventTypes.SignIn, AuditEventTypes.Failure, context, accountId, ColumnWidths.Fit(email ?? "", ColumnWidths.Login), reason);
        await db.SaveChangesAsync(cancellationToken);
        SignInLog.SignInRefused(logger, accountId, reason);
        LatchkeyMetrics.SignIn(reason, LoginProtocols.Web);
        return Result<SignedIn>.Fail(ErrorCodes.InvalidCredentials, SignInHandler.RefusedMessage);
    }
}
