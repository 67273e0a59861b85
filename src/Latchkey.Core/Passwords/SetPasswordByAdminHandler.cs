using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.AspNetCore.Identity;

namespace Latchkey.Core.Passwords;

/// <summary>
/// Helpdesk reset (DESIGN.md flow 3): sets a typed or generated password without the old one, through
/// <see cref="PasswordChangePipeline"/> and the same policy as every password. In one transaction with it: the history
/// entry, the end of every session (unless the actor unticks it), the must-change flag, the audit event, the
/// user's notice and the security team's. <see cref="AccessPolicy.CanResetPassword"/> decides who may reset whom,
/// through <see cref="AccountAccess"/>; a refusal is audited too.
/// </summary>
public sealed class SetPasswordByAdminHandler(AccountAccess access, PasswordPolicyProvider policies, PasswordChangePipeline pipeline)
{
    public const string NewPasswordField = PasswordChangePipeline.NewPasswordField;

    public async Task<Result<PasswordSetByAdmin>> HandleAsync(SetPasswordByAdminCommand command, Actor actor, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        if (command.Generate == !string.IsNullOrEmpty(command.NewPassword))
        {
            return Failure.Field(ErrorCodes.Validation, NewPasswordField, "Type a new password or ask for a generated one (one of the two).");
        }

        if (PasswordSize.Check(NewPasswordField, command.NewPassword) is { } tooLong)
        {
            return tooLong;
        }

        var allowed = await access.CheckAsync(
            command.AccountId, actor, target => AccessPolicy.CanResetPassword(actor, target, command.RequireChange), "reset_password", context, cancellationToken);
        if (!allowed.Succeeded)
        {
            return allowed.Failure;
        }

        var account = allowed.Value;
        var password = command.NewPassword ?? PasswordGenerator.Generate(await policies.ForDomainAsync(account.Domain, cancellationToken), account.Email);
        var plan = new PasswordChangePlan(AuditEventTypes.PasswordReset, "password_reset")
        {
            MustChangePassword = command.RequireChange,
            EndSessions = command.SignOutEverywhere,
            Detail = string.Join(',', new[] { command.Generate ? "generated" : "typed", command.RequireChange ? "require_change" : null, command.SignOutEverywhere ? "signed_out" : null }.Where(s => s is not null)),
            SecurityNotice = SecurityNotice.ResetByAnother,
            ResetBy = actor,
        };
        var changed = await pipeline.RunAsync(account, plan, (users, a) => SetAsync(users, a, password), context, cancellationToken);
        return changed.Succeeded
            ? Result<PasswordSetByAdmin>.Ok(new PasswordSetByAdmin(account.Email ?? "", command.Generate ? password : null, changed.Value))
            : changed.Failure;
    }

    private static async Task<IdentityResult> SetAsync(UserManager<Account> users, Account account, string password)
    {
        var removed = account.PasswordHash is null ? IdentityResult.Success : await users.RemovePasswordAsync(account);
        return removed.Succeeded ? await users.AddPasswordAsync(account, password) : removed;
    }
}
