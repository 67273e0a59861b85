using Latchkey.Core.Accounts;
using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Latchkey.Core.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Passwords;

/// <summary>
/// "Forgot password": queues a single-use reset link to the address if it names an enabled account, and does nothing
/// visible otherwise. The caller always answers the same (202), so the form never tells whether an account exists
/// (ASVS 6.4.1–6.4.3). The link is never logged; the audit event records the request, not the token.
/// </summary>
public sealed class RequestPasswordResetHandler(
    LatchkeyDbContext db,
    UserManager<Account> userManager,
    EmailOutbox outbox,
    AuditLog auditLog,
    TimeProvider timeProvider,
    IOptions<PasswordResetOptions> resetOptions,
    IOptions<LatchkeyOptions> options)
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

        var since = timeProvider.GetUtcNow() - resetOptions.Value.MinimumInterval;
        if (await db.AuditEvents.AnyAsync(
                e => e.TargetId == account.Id && e.Type == AuditEventTypes.PasswordResetRequested && e.Outcome == AuditEventTypes.Success && e.OccurredAt > since,
                cancellationToken))
        {
            return;
        }

        var token = PasswordResetTokens.Encode(account.Id, await userManager.GeneratePasswordResetTokenAsync(account));
        var link = $"{options.Value.PublicUrl.TrimEnd('/')}/reset-password?token={Uri.EscapeDataString(token)}";
        outbox.Enqueue(PasswordResetEmail.Create(normalized, link, resetOptions.Value.TokenLifetime, context.Ip ?? "unknown", Accounts.Languages.CultureOf(account)));
        auditLog.Add(AuditEventTypes.PasswordResetRequested, AuditEventTypes.Success, context, account.Id, normalized);
        await db.SaveChangesAsync(cancellationToken);
    }
}
