using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Passwords;

/// <summary>
/// Completes a forgot-password link: checks new = confirm and the token, then sets the password through
/// <see cref="PasswordChangePipeline"/>, which ends every session, clears must-change, audits and queues the notice
/// in one transaction. An invalid, expired or used link answers <see cref="ErrorCodes.Validation"/> on <c>token</c>,
/// whatever the reason.
/// </summary>
public sealed class ConfirmPasswordResetHandler(LatchkeyDbContext db, PasswordChangePipeline pipeline)
{
    public const string TokenField = "token";

    public async Task<Result<string>> HandleAsync(string? token, string? newPassword, string? confirmPassword, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrEmpty(newPassword))
        {
            return Failure.Field(ErrorCodes.Validation, ChangePasswordHandler.NewPasswordField, "Choose a new password (at most 4 KiB).");
        }

        if (PasswordSize.Check(ChangePasswordHandler.NewPasswordField, newPassword) is { } tooLong)
        {
            return tooLong;
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

        var plan = new PasswordChangePlan(AuditEventTypes.PasswordReset, "password_reset_link")
        {
            Detail = "reset_link",
            ReadRefusal = result => result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)) ? invalid : null,
            RefusalDetail = failure => ReferenceEquals(failure, invalid) ? "invalid_token" : failure.Code,
        };
        var changed = await pipeline.RunAsync(account, plan, (users, a) => users.ResetPasswordAsync(a, identityToken, newPassword), context, cancellationToken);
        return changed.Succeeded ? Result<string>.Ok(account.Email ?? "") : changed.Failure;
    }
}
