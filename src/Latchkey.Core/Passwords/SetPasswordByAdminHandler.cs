using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Passwords;

/// <summary>
/// Helpdesk reset (DESIGN.md flow 3): sets a typed or generated password without the old one, through
/// <see cref="PasswordChangePipeline"/> and the same policy as every password. In one transaction with it: the history
/// entry, the end of every session (unless the actor unticks it), the must-change flag, the audit event, the
/// user's notice and the security team's. The <see cref="AccessPolicy"/> decides who may reset whom; a refusal is
/// audited too.
/// </summary>
public sealed class SetPasswordByAdminHandler(
    LatchkeyDbContext db,
    PasswordPolicyProvider policies,
    PasswordChangePipeline pipeline,
    StepUp stepUp,
    AuditLog auditLog)
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

        var account = await db.Users.Include(a => a.Roles).SingleOrDefaultAsync(a => a.Id == command.AccountId, cancellationToken);
        if (account is null)
        {
            return Result<PasswordSetByAdmin>.Fail(ErrorCodes.NotFound, "No such account.");
        }

        var refused = AccessPolicy.CanActOn(actor, account, AdminAction.ResetPassword)
            ?? (command.RequireChange ? AccessPolicy.CanActOn(actor, account, AdminAction.RequireChange) : null);
        if (refused is not null)
        {
            return await auditLog.RefusedAsync(refused, context, account.Id, account.Email, "reset_password", cancellationToken);
        }

        if (await stepUp.RequireAsync(actor, cancellationToken) is { } stepUpRequired)
        {
            return stepUpRequired;
        }

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
