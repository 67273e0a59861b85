using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.AspNetCore.Identity;

namespace Latchkey.Core.Passwords;

/// <summary>
/// "Forgot password": queues a single-use reset link to the address if it names an enabled account, and does nothing
/// visible otherwise. The caller always answers the same (202), so the form never tells whether an account exists
/// (ASVS 6.4.1–6.4.3). At most one link per <see cref="PasswordResetOptions.MinimumInterval"/> goes to an account
/// (<see cref="PasswordResetRateLimit"/>, taken in the transaction that queues the link). The link is never logged;
/// the audit event records the request, not the token.
/// </summary>
public sealed class RequestPasswordResetHandler(
    LatchkeyDbContext db,
    UserManager<Account> userManager,
    AuditLog auditLog,
    PasswordResetRateLimit rateLimit,
    PasswordEmails emails)
{
    public async Task HandleAsync(string? email, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!EmailAddress.TryNormalize(email, out var normalized, out _))
        {
            return;
        }

        var account = await userManager.FindByEmailAsync(normalized);
        if (account is null || account.Disabled)
        {
            auditLog.Add(AuditEventTypes.PasswordResetRequested, AuditEventTypes.Failure, context, account?.Id, normalized, account is null ? "unknown_account" : "disabled");
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        // The token is made before the transaction: on SQLite the Data Protection key ring writes on its own connection.
        var token = PasswordResetTokens.Encode(account.Id, await userManager.GeneratePasswordResetTokenAsync(account));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await rateLimit.TryTakeAsync(account.Id, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return;
        }

        emails.QueueResetLink(account, normalized, token, context);
        auditLog.Add(AuditEventTypes.PasswordResetRequested, AuditEventTypes.Success, context, account.Id, normalized);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
