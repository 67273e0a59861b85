using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Mailboxes;

/// <summary>
/// Creates a named app password for the account's mailbox and returns it once. Refused for an account without a
/// mailbox, for a name that is empty, too long, or already used by another of the account's app passwords, and
/// beyond <see cref="MailboxOptions.MaxAppPasswords"/>.
/// </summary>
public sealed class CreateAppPasswordHandler(LatchkeyDbContext db, AuditLog auditLog, StepUp stepUp, IOptions<MailboxOptions> options, TimeProvider timeProvider)
{
    public const string NameField = "name";

    public async Task<Result<CreatedAppPassword>> HandleAsync(Guid accountId, Guid? sessionId, string? name, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0 || trimmed.Length > AppPassword.MaxNameLength || trimmed.Any(char.IsControl))
        {
            return Failure.Field(ErrorCodes.Validation, NameField, "Name the app password (the device or app it is for), in at most {0} characters.", AppPassword.MaxNameLength);
        }

        var account = await db.Users.AsNoTracking().Where(a => a.Id == accountId).Select(a => new { a.Email, a.MailboxAccess, a.Disabled }).SingleOrDefaultAsync(cancellationToken);
        if (account is null || account.Disabled)
        {
            return Result<CreatedAppPassword>.Fail(ErrorCodes.Unauthorized, "Sign in again.");
        }

        if (await stepUp.RequireAsync(accountId, sessionId, cancellationToken) is { } stepUpRequired)
        {
            return stepUpRequired;
        }

        if (!account.MailboxAccess)
        {
            return Result<CreatedAppPassword>.Fail(ErrorCodes.Forbidden, "App passwords are for mail clients, and this account has no mailbox.");
        }

        var existing = await db.AppPasswords.Where(p => p.AccountId == accountId).Select(p => p.Name).ToListAsync(cancellationToken);
        if (existing.Contains(trimmed, StringComparer.OrdinalIgnoreCase))
        {
            return Failure.Field(ErrorCodes.Conflict, NameField, "You already have an app password named '{0}'. Choose another name, or revoke that one first.", trimmed);
        }

        if (existing.Count >= options.Value.MaxAppPasswords)
        {
            return Failure.Field(ErrorCodes.Validation, NameField, "You have {0} app passwords, the most allowed. Revoke one you no longer use first.", existing.Count);
        }

        var password = AppPasswordGenerator.Generate();
        var appPassword = new AppPassword
        {
            Id = Guid.NewGuid(),
            AccountId = accountId,
            Name = trimmed,
            Hash = AppPasswordGenerator.Hash(password),
            CreatedAt = timeProvider.GetUtcNow(),
        };
        db.AppPasswords.Add(appPassword);
        auditLog.Add(AuditEventTypes.AppPasswordCreated, AuditEventTypes.Success, context, accountId, account.Email, appPassword.Id.ToString());
        await db.SaveChangesAsync(cancellationToken);
        return Result<CreatedAppPassword>.Ok(new CreatedAppPassword(AppPasswordView.From(appPassword), password));
    }
}
