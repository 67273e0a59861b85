using System.Text;
using Latchkey.Core.Accounts;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Sessions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Passwords;

/// <summary>
/// Completes a forgot-password link: checks the token, new = confirm and the policy, then sets the password and, in
/// the same transaction, records history, ends every session, clears must-change, audits and queues the notice.
/// An invalid, expired or used link answers <see cref="ErrorCodes.Validation"/> on <c>token</c>, whatever the reason.
/// </summary>
public sealed class ConfirmPasswordResetHandler(
    LatchkeyDbContext db,
    UserManager<Account> userManager,
    PasswordChangeEffects effects,
    AuditLog auditLog)
{
    public const string TokenField = "token";

    public async Task<Result<string>> HandleAsync(string? token, string? newPassword, string? confirmPassword, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrEmpty(newPassword) || Encoding.UTF8.GetByteCount(newPassword) > SignInHandler.MaxPasswordBytes)
        {
            return Failure.Field(ErrorCodes.Validation, ChangePasswordHandler.NewPasswordField, "Choose a new password (at most 4 KiB).");
        }

        if (newPassword != confirmPassword)
        {
            return Failure.Field(ErrorCodes.PasswordMismatch, ChangePasswordHandler.ConfirmPasswordField, "The new password and its confirmation do not match.");
        }

        var invalid = Failure.Field(ErrorCodes.Validation, TokenField, "This reset link is invalid, has expired or has been used. Ask for a new one.");
        if (!PasswordResetTokens.TryDecode(token, out var accountId, out var identityToken))
        {
            return invalid;
        }

        var account = await db.Users.SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null || account.Disabled)
        {
            return invalid;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        account.MustChangePassword = false;
        account.PasswordChangedAt = effects.Now;
        var result = await userManager.ResetPasswordAsync(account, identityToken, newPassword);
        if (!result.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            var failure = result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)) ? invalid : IdentityFailures.ToFailure(result, ChangePasswordHandler.NewPasswordField);
            auditLog.Add(AuditEventTypes.PasswordReset, AuditEventTypes.Failure, context, account.Id, account.Email, failure == invalid ? "invalid_token" : failure.Code);
            await db.SaveChangesAsync(cancellationToken);
            return failure;
        }

        await effects.ApplyAsync(account, true, null, "password_reset_link", context, cancellationToken);
        auditLog.Add(AuditEventTypes.PasswordReset, AuditEventTypes.Success, context, account.Id, account.Email, "reset_link");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<string>.Ok(account.Email ?? "");
    }
}
