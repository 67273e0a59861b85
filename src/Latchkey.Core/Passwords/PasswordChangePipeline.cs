using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Notifications;
using Microsoft.AspNetCore.Identity;

namespace Latchkey.Core.Passwords;

/// <summary>
/// The one way a password changes, whoever changes it (<see cref="ChangePasswordHandler"/>,
/// <see cref="SetPasswordByAdminHandler"/>, <see cref="ConfirmPasswordResetHandler"/>). It owns the transaction: the
/// new hash set through <see cref="UserManager{TUser}"/> (so the policy and Identity's concurrency stamp apply), the
/// must-change flag, and <see cref="PasswordChangeEffects"/> (history, unlock, sessions and tokens ended, OIDC
/// back-channel logout owed, the user's e-mail), the security team's notice, the change's own writes and the audit
/// event commit together or not at all. A refusal rolls everything back, is read into a <see cref="Failure"/> and,
/// when the plan says so, audited. Each handler keeps only how the caller is verified and its
/// <see cref="PasswordChangePlan"/>.
/// </summary>
public sealed class PasswordChangePipeline(
    LatchkeyDbContext db,
    UserManager<Account> userManager,
    PasswordChangeEffects effects,
    SecurityTeamNotices notices,
    AuditLog auditLog)
{
    /// <summary>The field a refused new password is reported on, by every kind of change.</summary>
    public const string NewPasswordField = "newPassword";

    /// <summary>
    /// Sets the password with <paramref name="setPassword"/> and everything that comes with it, in one transaction;
    /// returns how many sessions ended.
    /// </summary>
    public async Task<Result<int>> RunAsync(
        Account account,
        PasswordChangePlan plan,
        Func<UserManager<Account>, Account, Task<IdentityResult>> setPassword,
        AuditContext context,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(setPassword);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        account.MustChangePassword = plan.MustChangePassword;
        account.PasswordChangedAt = effects.Now;
        var result = await setPassword(userManager, account);
        if (!result.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            var failure = plan.ReadRefusal?.Invoke(result) ?? IdentityFailures.ToFailure(result, NewPasswordField);
            return plan.RefusalDetail is { } detail ? await RefuseAsync(account, plan.AuditType, detail(failure), failure, context, cancellationToken) : failure;
        }

        var ended = await effects.ApplyAsync(account, plan.EndSessions, plan.KeepSession, plan.RevocationReason, context, cancellationToken);
        await NotifySecurityTeamAsync(account, plan, context, cancellationToken);
        if (plan.AlsoAsync is { } also)
        {
            await also(account, cancellationToken);
        }

        auditLog.Add(plan.AuditType, AuditEventTypes.Success, context, account.Id, account.Email, plan.Detail);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<int>.Ok(ended);
    }

    /// <summary>Audits a refused change (saved at once, outside any transaction) and returns the failure.</summary>
    public async Task<Failure> RefuseAsync(Account account, string auditType, string detail, Failure failure, AuditContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        auditLog.Add(auditType, AuditEventTypes.Failure, context, account.Id, account.Email, detail);
        await db.SaveChangesAsync(cancellationToken);
        return failure;
    }

    private async Task NotifySecurityTeamAsync(Account account, PasswordChangePlan plan, AuditContext context, CancellationToken cancellationToken)
    {
        if (plan.SecurityNotice == SecurityNotice.None)
        {
            return;
        }

        // The notice names the account's highest role.
        await db.Entry(account).Collection(a => a.Roles).LoadAsync(cancellationToken);
        if (plan.SecurityNotice == SecurityNotice.OwnChange)
        {
            notices.PasswordChanged(account, context);
        }
        else
        {
            notices.PasswordReset(account, plan.ResetBy ?? throw new InvalidOperationException("A reset by another names who made it."), context);
        }
    }
}
