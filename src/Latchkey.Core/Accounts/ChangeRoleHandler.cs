using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Sessions;

namespace Latchkey.Core.Accounts;

/// <summary>
/// Grants or removes one role of an account. The actor must be allowed to act on the account (its current roles)
/// and to grant the role (never above their own), <see cref="AccessPolicy.CanChangeRole"/> through
/// <see cref="AccountAccess"/>; an account keeps at least one role. Audited, refusals included,
/// and every cached session of the account is dropped so the change applies on its next request.
/// </summary>
public sealed class ChangeRoleHandler(LatchkeyDbContext db, AccountAccess access, SessionRevoker sessions, AuditLog auditLog)
{
    public async Task<Result<Account>> HandleAsync(Guid accountId, Role role, string? domain, bool grant, Actor actor, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!Enum.IsDefined(role))
        {
            return Failure.Field(ErrorCodes.Validation, "role", "The role must be User, Operator, Manager or Administrator.");
        }

        string? scope = null;
        if (role != Role.Administrator)
        {
            if (!EmailAddress.TryNormalizeDomain(domain, out var normalized))
            {
                return Failure.Field(ErrorCodes.Validation, "domain", "A {0} role needs a domain.", role);
            }

            scope = normalized;
        }

        var allowed = await access.CheckAsync(
            accountId, actor, target => AccessPolicy.CanChangeRole(actor, target, role, scope), $"{(grant ? "grant" : "revoke")} {role}", context, cancellationToken);
        if (!allowed.Succeeded)
        {
            return allowed;
        }

        var account = allowed.Value;
        var existing = account.Roles.FirstOrDefault(r => r.Role == role && r.Domain == scope);
        if (grant == (existing is not null))
        {
            return Result<Account>.Ok(account);
        }

        if (!grant && account.Roles.Count == 1)
        {
            return Result<Account>.Fail(ErrorCodes.Validation, "An account keeps at least one role.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (grant)
        {
            db.RoleAssignments.Add(new RoleAssignment { Id = Guid.NewGuid(), AccountId = account.Id, Role = role, Domain = scope });
        }
        else
        {
            account.Roles.Remove(existing!);
        }

        await sessions.AccountChangedAsync(account.Id, cancellationToken);
        auditLog.Add(grant ? AuditEventTypes.RoleGranted : AuditEventTypes.RoleRevoked, AuditEventTypes.Success, context, account.Id, account.Email,
            scope is null ? role.ToString() : $"{role} {scope}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<Account>.Ok(account);
    }
}
