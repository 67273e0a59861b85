using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.TwoFactor;

/// <summary>
/// Sets a domain's second-factor policy (Managers of the domain and Administrators, like the password policy; the
/// console may too): <c>nobody | privileged | everyone</c>, a grace of 0–100 sign-ins, and whether mail
/// clients need an app password once a second factor is on. Audited; a refusal is audited too.
/// </summary>
public sealed class SetTwoFactorPolicyHandler(LatchkeyDbContext db, AuditLog auditLog)
{
    public const int MaxGrace = 100;

    public async Task<Result<TwoFactorDomainPolicy>> HandleAsync(TwoFactorDomainPolicy policy, Actor actor, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(context);
        if (!TwoFactorPolicy.TryParse(policy.Require, out var requirement))
        {
            return Failure.Field(ErrorCodes.Validation, "require", "Choose who must have a second factor: nobody, privileged or everyone.");
        }

        if (policy.GraceSignIns is < 0 or > MaxGrace)
        {
            return Failure.Field(ErrorCodes.Validation, "graceSignIns", "The grace is a number of sign-ins from 0 to {0}.", MaxGrace);
        }

        var row = await db.Domains.SingleOrDefaultAsync(d => d.Name == policy.Domain, cancellationToken);
        if (row is null)
        {
            return Result<TwoFactorDomainPolicy>.Fail(ErrorCodes.NotFound, "No such domain.");
        }

        if (AccessPolicy.CanActInDomain(actor, row.Name, AdminAction.EditPolicy) is { } refused)
        {
            return await auditLog.RefusedAsync(refused, context, null, row.Name, "two_factor_policy", cancellationToken);
        }

        row.TwoFactorRequirement = TwoFactorPolicy.Name(requirement);
        row.TwoFactorGraceSignIns = policy.GraceSignIns;
        row.MailNeedsAppPassword = policy.MailNeedsAppPassword;
        auditLog.Add(AuditEventTypes.TwoFactorPolicyChanged, AuditEventTypes.Success, context, null, row.Name,
            $"require={row.TwoFactorRequirement} grace={row.TwoFactorGraceSignIns} mail_app_password={(row.MailNeedsAppPassword ? "on" : "off")}");
        await db.SaveChangesAsync(cancellationToken);
        return Result<TwoFactorDomainPolicy>.Ok(new TwoFactorDomainPolicy(row.Name, row.TwoFactorRequirement, row.TwoFactorGraceSignIns, row.MailNeedsAppPassword));
    }
}
