using System.Text;
using Latchkey.Core.Accounts;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Notifications;
using Latchkey.Core.Sessions;
using Latchkey.Core.Tokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Latchkey.Core.Passwords;

/// <summary>
/// A user changes their own password. The page, the API and any other caller use this one handler.
/// </summary>
/// <remarks>
/// Checks run cheapest first: required fields and size, then new = confirm (no hashing), then the current password,
/// then the policy (history last, as it hashes). On success the new hash, its history entry, the end of every
/// other session (and this one when asked), the audit event and the notification e-mail commit in one
/// transaction. Two concurrent changes from the same current password cannot both win: Identity's concurrency
/// stamp makes the second one fail with <see cref="ErrorCodes.Conflict"/> and change nothing.
/// </remarks>
public sealed class ChangePasswordHandler(
    LatchkeyDbContext db,
    UserManager<Account> userManager,
    PasswordChangeEffects effects,
    SecurityTeamNotices notices,
    AuditLog auditLog,
    StepUp stepUp,
    ILogger<ChangePasswordHandler> logger)
{
    public const string CurrentPasswordField = "currentPassword";
    public const string NewPasswordField = "newPassword";
    public const string ConfirmPasswordField = "confirmPassword";

    public async Task<Result<PasswordChanged>> HandleAsync(ChangePasswordCommand command, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        if (CheckInput(command) is { } invalid)
        {
            return invalid;
        }

        var account = await db.Users.SingleOrDefaultAsync(a => a.Id == command.AccountId, cancellationToken);
        if (account is null || account.Disabled)
        {
            return Result<PasswordChanged>.Fail(ErrorCodes.Unauthorized, "Sign in again.");
        }

        if (await stepUp.RequireAsync(account.Id, command.CurrentSessionId, cancellationToken) is { } stepUpRequired)
        {
            return stepUpRequired;
        }

        if (command.NewPassword != command.ConfirmPassword)
        {
            return await RefuseAsync(account, context, Failure.Field(ErrorCodes.PasswordMismatch, ConfirmPasswordField, "The new password and its confirmation do not match."), cancellationToken);
        }

        IdentityResult changed;
        int sessionsEnded;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var now = effects.Now;
            account.PasswordChangedAt = now;
            account.MustChangePassword = false;
            changed = await userManager.ChangePasswordAsync(account, command.CurrentPassword, command.NewPassword);
            if (!changed.Succeeded)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return await RefuseAsync(account, context, ToFailure(changed), cancellationToken);
            }

            sessionsEnded = await effects.ApplyAsync(account, true, command.SignOutEverywhere ? null : command.CurrentSessionId, "password_changed", context, cancellationToken);
            await db.Entry(account).Collection(a => a.Roles).LoadAsync(cancellationToken);
            notices.PasswordChanged(account, context);
            if (command.RevokeAppPasswords)
            {
                await db.AppPasswords.Where(p => p.AccountId == account.Id).ExecuteDeleteAsync(cancellationToken);
            }

            if (command.RevokeApiTokens && !command.SignOutEverywhere)
            {
                // effects.ApplyAsync has already had every node's cache drop the account's entries at commit.
                await EndTokensEverywhere.EndAsync(db.ApiTokens.Where(t => t.AccountId == account.Id && t.RevokedAt == null), "password_changed", effects.Now, cancellationToken);
            }

            auditLog.Add(AuditEventTypes.PasswordChanged, AuditEventTypes.Success, context, account.Id, account.Email,
                Detail(command));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        PasswordsLog.PasswordChanged(logger, account.Id, sessionsEnded);
        return Result<PasswordChanged>.Ok(new PasswordChanged(sessionsEnded, command.SignOutEverywhere && command.CurrentSessionId is not null));
    }

    private static string? Detail(ChangePasswordCommand command)
    {
        var parts = new[]
        {
            command.SignOutEverywhere ? "signed_out_everywhere" : null,
            command.RevokeAppPasswords ? "app_passwords_revoked" : null,
            command.RevokeApiTokens ? "api_tokens_revoked" : null,
        }.OfType<string>().ToList();
        return parts.Count == 0 ? null : string.Join(',', parts);
    }

    private static Failure? CheckInput(ChangePasswordCommand command)
    {
        var missing = new Dictionary<string, string[]>();
        foreach (var (field, value) in new[] { (CurrentPasswordField, command.CurrentPassword), (NewPasswordField, command.NewPassword), (ConfirmPasswordField, command.ConfirmPassword) })
        {
            if (string.IsNullOrEmpty(value))
            {
                missing[field] = ["required"];
            }
            else if (Encoding.UTF8.GetByteCount(value) > SignInHandler.MaxPasswordBytes)
            {
                missing[field] = ["too_long"];
            }
        }

        return missing.Count == 0 ? null : new Failure(ErrorCodes.Validation, "Fill in every field; passwords are at most 4 KiB.", missing);
    }

    private static Failure ToFailure(IdentityResult result)
    {
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
        {
            return Failure.Field(ErrorCodes.InvalidCurrentPassword, CurrentPasswordField, "The current password is not correct.");
        }

        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
        {
            return new Failure(ErrorCodes.Conflict, "The password was changed by another request at the same time. Sign in again with the new password.");
        }

        return IdentityFailures.ToFailure(result, NewPasswordField);
    }

    private async Task<Result<PasswordChanged>> RefuseAsync(Account account, AuditContext context, Failure failure, CancellationToken cancellationToken)
    {
        auditLog.Add(AuditEventTypes.PasswordChanged, AuditEventTypes.Failure, context, account.Id, account.Email, failure.Code);
        await db.SaveChangesAsync(cancellationToken);
        PasswordsLog.PasswordChangeRefused(logger, account.Id, failure.Code);
        return Result<PasswordChanged>.Fail(failure);
    }
}
