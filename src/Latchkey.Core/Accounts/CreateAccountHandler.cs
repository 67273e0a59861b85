using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Domains;
using Latchkey.Core.Passwords;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Accounts;

/// <summary>
/// Creates an account, its role and, if missing, its domain, in one transaction with the audit event. The password
/// passes every registered <see cref="IPasswordValidator{TUser}"/> (the policy) like any other password.
/// </summary>
public sealed class CreateAccountHandler(
    LatchkeyDbContext db,
    UserManager<Account> userManager,
    DomainRegistry domains,
    PasswordHistory history,
    PasswordPolicyProvider policies,
    AuditLog auditLog,
    TimeProvider timeProvider)
{
    /// <summary>Creates the account if <paramref name="actor"/> may create accounts in its domain and grant its role.</summary>
    public async Task<Result<CreatedAccount>> HandleAsync(CreateAccountCommand command, Actor actor, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        if (Validate(command, out var email, out var accountDomain, out var roleDomain) is { } invalid)
        {
            return invalid;
        }

        if ((AccessPolicy.CanActInDomain(actor, accountDomain, AdminAction.Create) ?? AccessPolicy.CanGrant(actor, command.Role, roleDomain)) is { } refused)
        {
            return await auditLog.RefusedAsync(refused, context, null, email, $"create {command.Role}", cancellationToken);
        }

        if (command.Password is not null && command.Generate)
        {
            return Failure.Field(ErrorCodes.Validation, "password", "Give a password or ask for a generated one, not both.");
        }

        if (await db.Users.AnyAsync(a => a.NormalizedEmail == userManager.NormalizeEmail(email), cancellationToken))
        {
            return Exists(email);
        }

        var generated = command.Generate ? PasswordGenerator.Generate(await policies.ForDomainAsync(accountDomain, cancellationToken), email) : null;
        var password = command.Password ?? generated;
        var now = timeProvider.GetUtcNow();
        var account = new Account
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            Domain = accountDomain,
            PanelAccess = command.PanelAccess,
            MailboxAccess = command.Mailbox,
            CreatedAt = now,
            PasswordChangedAt = password is null ? null : now,
            LockoutEnabled = true,
        };
        account.Roles.Add(new RoleAssignment { Id = Guid.NewGuid(), Role = command.Role, Domain = roleDomain });

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await domains.EnsureAsync(accountDomain, context, cancellationToken);
        if (roleDomain is not null && roleDomain != accountDomain)
        {
            await domains.EnsureAsync(roleDomain, context, cancellationToken);
        }

        IdentityResult created;
        try
        {
            created = password is null
                ? await userManager.CreateAsync(account)
                : await userManager.CreateAsync(account, password);
        }
        catch (DbUpdateException exception) when (StoreFaults.IsUniqueViolation(exception))
        {
            // Another request created the address between the check above and this insert (two nodes bootstrapping
            // the same administrator, two staff adding one address): the same answer as when the check sees it.
            // The transaction rolls back; nothing of this attempt stays tracked for the caller's next save.
            db.ChangeTracker.Clear();
            return Exists(email);
        }

        if (!created.Succeeded)
        {
            // Identity's own uniqueness check can see the other request's row before the insert would collide.
            return created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.DuplicateEmail))
                ? Exists(email)
                : IdentityFailures.ToFailure(created, "password");
        }

        history.Record(account);
        auditLog.Add(AuditEventTypes.AccountCreated, AuditEventTypes.Success, context, account.Id, email, command.Role.ToString());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<CreatedAccount>.Ok(new CreatedAccount(account, generated));
    }

    private static Failure Exists(string email) => Failure.Of(ErrorCodes.Conflict, "An account {0} exists already.", email);

    private static Failure? Validate(CreateAccountCommand command, out string email, out string accountDomain, out string? roleDomain)
    {
        roleDomain = null;
        if (!EmailAddress.TryNormalize(command.Email, out email, out accountDomain))
        {
            return Failure.Field(ErrorCodes.Validation, "email", "'{0}' is not a valid e-mail address.", command.Email);
        }

        if (!Enum.IsDefined(command.Role))
        {
            return Failure.Field(ErrorCodes.Validation, "role", "The role must be User, Operator, Manager or Administrator.");
        }

        switch (command.Role)
        {
            case Role.Operator or Role.Manager:
                if (string.IsNullOrWhiteSpace(command.Domain))
                {
                    return Failure.Field(ErrorCodes.Validation, "domain", "A {0} acts within a domain: give one.", command.Role);
                }

                if (!EmailAddress.TryNormalizeDomain(command.Domain, out var scoped))
                {
                    return Failure.Field(ErrorCodes.Validation, "domain", "'{0}' is not a valid domain name.", command.Domain);
                }

                roleDomain = scoped;
                break;
            case Role.User:
                roleDomain = accountDomain;
                break;
            case Role.Administrator:
                roleDomain = null;
                break;
        }

        return null;
    }
}
