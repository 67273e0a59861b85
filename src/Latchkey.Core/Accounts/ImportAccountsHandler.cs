using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Domains;
using Latchkey.Core.Passwords;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Accounts;

/// <summary>
/// Bulk import from CSV with a header row. Columns (any order; only <c>email</c> is required): <c>email</c>,
/// <c>role</c> (default User), <c>domain</c> (the role's domain, for Operators and Managers), <c>mailbox</c>
/// (true/false), <c>password</c> (checked against the policy and hashed), <c>password_hash</c> (an existing hash
/// from another system: Argon2id PHC, <c>{ARGON2ID}</c>, or ASP.NET Core Identity v3; upgraded at first sign-in).
/// </summary>
/// <remarks>
/// Idempotent: an address that exists already is skipped, so the same file can be run again after a failure.
/// Rows are validated first; the import stops before writing anything if any row is bad, and says which.
/// Accounts are written in batches of <see cref="BatchSize"/>, each batch in its own transaction.
/// </remarks>
public sealed class ImportAccountsHandler(
    LatchkeyDbContext db,
    UserManager<Account> userManager,
    CreateDomainHandler domains,
    PasswordHistory history,
    AuditLog auditLog,
    TimeProvider timeProvider)
{
    public const int BatchSize = 1000;

    public async Task<Result<AccountImport>> HandleAsync(TextReader csv, AuditContext context, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var parsed = await CsvRows.ReadAsync(csv, cancellationToken);
        if (!parsed.Succeeded)
        {
            return Result<AccountImport>.Fail(parsed.Failure);
        }

        var rows = parsed.Value;
        var problems = new List<string>();
        var valid = new List<ImportRow>();
        foreach (var (line, fields) in rows)
        {
            if (ImportRow.TryParse(fields, out var row, out var problem))
            {
                valid.Add(row);
            }
            else
            {
                problems.Add($"line {line}: {problem}");
            }
        }

        var duplicates = valid.GroupBy(r => r.Email).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        problems.AddRange(duplicates.Select(d => $"{d} appears more than once"));
        if (problems.Count > 0)
        {
            return Failure.Field(ErrorCodes.Validation, "file", string.Join("; ", problems.Take(10)) + (problems.Count > 10 ? $"; and {problems.Count - 10} more" : ""));
        }

        var created = 0;
        var skipped = 0;
        foreach (var batch in valid.Chunk(BatchSize))
        {
            var emails = batch.Select(r => userManager.NormalizeEmail(r.Email)).ToList();
            var existing = (await db.Users.AsNoTracking().Where(a => emails.Contains(a.NormalizedEmail!)).Select(a => a.NormalizedEmail!).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var row in batch)
            {
                if (existing.Contains(userManager.NormalizeEmail(row.Email)))
                {
                    skipped++;
                    continue;
                }

                var result = await AddAsync(row, context, cancellationToken);
                if (result is not null)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    db.ChangeTracker.Clear();
                    return Failure.Field(ErrorCodes.Validation, "file", $"{row.Email}: {result.Message} ({created} created before it, {skipped} skipped).");
                }

                created++;
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            progress?.Report(created + skipped);
        }

        return Result<AccountImport>.Ok(new AccountImport(created, skipped));
    }

    private async Task<Failure?> AddAsync(ImportRow row, AuditContext context, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var account = new Account
        {
            Id = Guid.NewGuid(),
            UserName = row.Email,
            NormalizedUserName = userManager.NormalizeName(row.Email),
            Email = row.Email,
            NormalizedEmail = userManager.NormalizeEmail(row.Email),
            EmailConfirmed = true,
            Domain = row.AccountDomain,
            MailboxAccess = row.Mailbox,
            CreatedAt = now,
            LockoutEnabled = true,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
        };
        account.Roles.Add(new RoleAssignment { Id = Guid.NewGuid(), Role = row.Role, Domain = row.RoleDomain });
        if (row.Password is { } password)
        {
            foreach (var validator in userManager.PasswordValidators)
            {
                var validation = await validator.ValidateAsync(userManager, account, password);
                if (!validation.Succeeded)
                {
                    return IdentityFailures.ToFailure(validation, "password");
                }
            }

            account.PasswordHash = userManager.PasswordHasher.HashPassword(account, password);
        }
        else
        {
            account.PasswordHash = row.PasswordHash;
        }

        account.PasswordChangedAt = account.PasswordHash is null ? null : now;
        await domains.EnsureAsync(row.AccountDomain, context, cancellationToken);
        if (row.RoleDomain is { } roleDomain && roleDomain != row.AccountDomain)
        {
            await domains.EnsureAsync(roleDomain, context, cancellationToken);
        }

        db.Users.Add(account);
        history.Record(account);
        auditLog.Add(AuditEventTypes.AccountCreated, AuditEventTypes.Success, context, account.Id, account.Email, $"{row.Role} (import)");
        return null;
    }
}
