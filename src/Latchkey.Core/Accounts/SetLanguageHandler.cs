using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Accounts;

/// <summary>
/// Stores the language an account reads the panel and its e-mails in. Every cached session of the account is dropped
/// on every node when it commits, so the next request, wherever it lands, is answered in the new language.
/// </summary>
public sealed class SetLanguageHandler(LatchkeyDbContext db, SessionRevoker revoker, AuditLog auditLog)
{
    public const string LanguageField = "language";

    public async Task<Result<Account>> HandleAsync(Guid accountId, string? language, AuditContext context, CancellationToken cancellationToken = default)
    {
        var code = Languages.Normalize(language);
        if (code is null)
        {
            return Failure.Field(ErrorCodes.Validation, LanguageField, "Choose one of the offered languages: en, de, fr or ru.");
        }

        var account = await db.Users.Include(a => a.Roles).SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return Result<Account>.Fail(ErrorCodes.NotFound, "No such account.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        account.PreferredLanguage = code;
        await revoker.AccountChangedAsync(account.Id, cancellationToken);
        auditLog.Add(AuditEventTypes.LanguageChanged, AuditEventTypes.Success, context, account.Id, account.Email, code);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<Account>.Ok(account);
    }
}
