using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Passwords;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Domains;

/// <summary>
/// Sets a domain's own password policy (Managers of the domain and Administrators); setting null returns the domain
/// to the global policy. A policy that cannot work (min above max, …) is refused with its problems.
/// </summary>
public sealed class SetDomainPolicyHandler(LatchkeyDbContext db, PasswordPolicyProvider policies, AuditLog auditLog)
{
    public async Task<Result<DomainPolicy>> HandleAsync(string name, PasswordPolicy? policy, Actor actor, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var domain = await FindAsync(name, cancellationToken);
        if (domain is null || actor.RoleIn(domain.Name) is null)
        {
            return Result<DomainPolicy>.Fail(ErrorCodes.NotFound, "No such domain.");
        }

        if (AccessPolicy.CanActInDomain(actor, domain.Name, AdminAction.EditPolicy) is { } refused)
        {
            return await auditLog.RefusedAsync(refused, context, null, null, $"edit_policy {domain.Name}", cancellationToken);
        }

        if (policy?.Problems() is { Count: > 0 } problems)
        {
            return new Failure(ErrorCodes.Validation, string.Join(" ", problems), new Dictionary<string, string[]> { ["policy"] = [.. problems] });
        }

        domain.PasswordPolicy = policy is null ? null : PasswordPolicyProvider.Serialize(policy);
        auditLog.Add(AuditEventTypes.PolicyChanged, AuditEventTypes.Success, context, detail: domain.Name);
        await db.SaveChangesAsync(cancellationToken);
        return Result<DomainPolicy>.Ok(new DomainPolicy(domain.Name, policy ?? policies.Global, policy is not null));
    }

    private async Task<MailDomain?> FindAsync(string name, CancellationToken cancellationToken) =>
        EmailAddress.TryNormalizeDomain(name, out var normalized)
            ? await db.Domains.SingleOrDefaultAsync(d => d.Name == normalized, cancellationToken)
            : null;
}
