using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
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
/// then the policy (history last, as it hashes). The change itself goes through <see cref="PasswordChangePipeline"/>:
/// the end of every other session (and this one when asked), the app passwords and API tokens when asked, the audit
/// event and the e-mails commit in one transaction. Two concurrent changes from the same current password cannot
/// both win: Identity's concurrency stamp makes the second one fail with <see cref="ErrorCodes.Conflict"/> and change
/// nothing.
/// </remarks>
public sealed class ChangePasswordHandler(
    LatchkeyDbContext db,
    PasswordChangePipeline pipeline,
    StepUp stepUp,
    TimeProvider timeProvider,
    ILogger<ChangePasswordHandler> logger)
{
    public const string CurrentPasswordField = "currentPassword";
    public const string NewPasswordField = PasswordChangePipeline.NewPasswordField;
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

        Result<int> changed;
        if (command.NewPassword != command.ConfirmPassword)
        {
            var mismatch = Failure.Field(ErrorCodes.PasswordMismatch, ConfirmPasswordField, "The new password and its confirmation do not match.");
            changed = await pipeline.RefuseAsync(account, AuditEventTypes.PasswordChanged, mismatch.Code, mismatch, context, cancellationToken);
        }
        else
        {
            changed = await pipeline.RunAsync(account, Plan(command), (users, a) => users.ChangePasswordAsync(a, command.CurrentPassword, command.NewPassword), context, cancellationToken);
        }

        if (!changed.Succeeded)
        {
            PasswordsLog.PasswordChangeRefused(logger, account.Id, changed.Failure.Code);
            return changed.Failure;
        }

        PasswordsLog.PasswordChanged(logger, account.Id, changed.Value);
        return Result<PasswordChanged>.Ok(new PasswordChanged(changed.Value, command.SignOutEverywhere && command.CurrentSessionId is not null));
    }

    private PasswordChangePlan Plan(ChangePasswordCommand command) => new(AuditEventTypes.PasswordChanged, "password_changed")
    {
        KeepSession = command.SignOutEverywhere ? null : command.CurrentSessionId,
        Detail = Detail(command),
        SecurityNotice = SecurityNotice.OwnChange,
        ReadRefusal = ReadRefusal,
        RefusalDetail = failure => failure.Code,
        AlsoAsync = (account, cancellationToken) => RevokeCredentialsAsync(command, account.Id, cancellationToken),
    };

    private async Task RevokeCredentialsAsync(ChangePasswordCommand command, Guid accountId, CancellationToken cancellationToken)
    {
        if (command.RevokeAppPasswords)
        {
            await db.AppPasswords.Where(p => p.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
        }

        if (command.RevokeApiTokens && !command.SignOutEverywhere)
        {
            // The pipeline has already had every node's cache drop the account's entries at commit.
            await EndTokensEverywhere.EndAsync(db.ApiTokens.Where(t => t.AccountId == accountId && t.RevokedAt == null), "password_changed", timeProvider.GetUtcNow(), cancellationToken);
        }
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
            else if (PasswordSize.IsTooLong(value))
            {
                missing[field] = ["too_long"];
            }
        }

        return missing.Count == 0 ? null
            : missing.Values.All(codes => codes.Contains("too_long")) ? new Failure(ErrorCodes.Validation, PasswordSize.TooLongMessage, missing)
            : new Failure(ErrorCodes.Validation, "Fill in every field; passwords are at most 4 KiB.", missing);
    }

    private static Failure? ReadRefusal(IdentityResult result)
    {
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
        {
            return Failure.Field(ErrorCodes.InvalidCurrentPassword, CurrentPasswordField, "The current password is not correct.");
        }

        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
        {
            return new Failure(ErrorCodes.Conflict, "The password was changed by another request at the same time. Sign in again with the new password.");
        }

        return null;
    }
}
