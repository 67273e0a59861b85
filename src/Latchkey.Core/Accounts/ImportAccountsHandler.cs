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
/// Bulk import from CSV with a header row. Columns (any order; only <c>email</c> is required): <c>email</c>,
/// <c>role</c> (default User), <c>domain</c> (the role's domain, for Operators and Managers), <c>mailbox</c>
/// (true/false), <c>password</c> (checked against the policy and hashed), <c>password_hash</c> (an existing hash
/// from another system: Argon2id PHC, <c>{ARGON2ID}</c>, or ASP.NET Core Identity v3; upgraded at first sign-in).
/// </summary>
/// <remarks>
/// Idempotent: an address that exists already is skipped, so the same file can be run again after a failure.
/// The whole file is checked first (UTF-8, CSV shape, every row, every password against its domain's policy); any
/// problem refuses the file before anything is written, naming the lines, so a refusal never leaves half an import.
/// Accounts are written in batches of <see cref="BatchSize"/>, each batch in its own transaction.
/// </remarks>
public sealed class ImportAccountsHandler(
    LatchkeyDbContext db,
    UserManager<Account> userManager,
    DomainRegistry domains,
    PasswordHistory history,
    AuditLog auditLog,
    TimeProvider timeProvider)
{
    public const int BatchSize = 1000;

    /// <summary>Imports a file's bytes, refusing it with the line number when they are not UTF-8.</summary>
    public async Task<Result<AccountImport>> HandleAsync(byte[] csv, Actor actor, AuditContext context, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var text = CsvRows.DecodeUtf8(csv);
        if (!text.Succeeded)
        {
            return Result<AccountImport>.Fail(Refused(text.Failure.Message));
        }

        using var reader = new StringReader(text.Value);
        return await HandleAsync(reader, actor, context, progress, cancellationToken);
    }

    /// <summary>Imports a file for <paramref name="actor"/>, an Administrator over all domains (the CLI): <see cref="AdminAction.ImportAccounts"/>.</summary>
    public async Task<Result<AccountImport>> HandleAsync(TextReader csv, Actor actor, AuditContext context, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        if (AccessPolicy.CanDo(actor, AdminAction.ImportAccounts) is { } refused)
        {
            return refused;
        }

        var parsed = await CsvRows.ReadAsync(csv, cancellationToken);
        if (!parsed.Succeeded)
        {
            return Result<AccountImport>.Fail(Refused(parsed.Failure.Message));
        }

        var rows = parsed.Value;
        var problems = new List<string>();
        var valid = new List<ImportRow>();
        foreach (var (line, fields) in rows)
        {
            if (ImportRow.TryParse(fields, out var row, out var problem))
            {
                valid.Add(row);
                if (row.Password is { } password && await PasswordProblemAsync(row, password) is { } weak)
                {
                    problems.Add($"line {line}: password: {weak}");
                }
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
            return Refused(string.Join("; ", problems.Take(10)) + (problems.Count > 10 ? $"; and {problems.Count - 10} more" : ""));
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
                    return Failure.Field(ErrorCodes.Validation, "file", $"{row.Email}: {result.Message}; this batch was rolled back ({created} account(s) of earlier batches were created and stay).");
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

    private static Failure Refused(string problems) =>
        Failure.Field(ErrorCodes.Validation, "file", problems.TrimEnd('.') + "; nothing was imported (the file is checked whole before anything is written).");

    /// <summary>The domain's password policy for a row's password, checked before anything is written.</summary>
    private async Task<string?> PasswordProblemAsync(ImportRow row, string password)
    {
        var candidate = new Account { UserName = row.Email, Email = row.Email, Domain = row.AccountDomain };
        foreach (var validator in userManager.PasswordValidators)
        {
            var validation = await validator.ValidateAsync(userManager, candidate, password);
            if (!validation.Succeeded)
            {
                return IdentityFailures.ToFailure(validation, "password").Message;
            }
        }

        return null;
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
