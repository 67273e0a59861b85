using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.TwoFactor;

/// <summary>
/// Renames one passkey of the account, under the same name rule as at creation (<see cref="PasskeyNames"/>); audited
/// with the old and the new name. No step-up: the name is a label and changes no credential. Another account's
/// passkey is <see cref="ErrorCodes.NotFound"/>, as an unknown one.
/// </summary>
public sealed class RenamePasskeyHandler(LatchkeyDbContext db, AuditLog auditLog)
{
    public const string NotFoundMessage = "No such passkey.";

    public async Task<Result<PasskeyView>> HandleAsync(Guid accountId, Guid passkeyId, string? name, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (PasskeyNames.Check(name, out var trimmed) is { } invalid)
        {
            return invalid;
        }

        var passkey = await db.Passkeys.SingleOrDefaultAsync(p => p.Id == passkeyId && p.AccountId == accountId, cancellationToken);
        if (passkey is null)
        {
            return Result<PasskeyView>.Fail(ErrorCodes.NotFound, NotFoundMessage);
        }

        var account = await db.Users.AsNoTracking().SingleAsync(a => a.Id == accountId, cancellationToken);
        auditLog.Add(AuditEventTypes.PasskeyRenamed, AuditEventTypes.Success, context, accountId, account.Email, $"{passkey.Name} -> {trimmed}");
        passkey.Name = trimmed;
        await db.SaveChangesAsync(cancellationToken);
        return Result<PasskeyView>.Ok(new PasskeyView(passkey.Id, passkey.Name, passkey.CreatedAt, passkey.LastUsedAt));
    }
}
