using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Latchkey.Core.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.TwoFactor;

/// <summary>
/// Checks a TOTP code or a recovery code of an account, for the second step of a sign-in and for step-up. Each
/// acceptance is claimed with one conditional update, so two requests racing with the same code cannot both win: a
/// TOTP code only for a later time step than the last one accepted, a recovery code only while unused. A used
/// recovery code queues the owner's notice (with how many are left) and an audit event in the caller's unit of
/// work; the caller saves.
/// </summary>
public sealed class SecondFactorVerifier(
    LatchkeyDbContext db,
    TotpSecrets secrets,
    EmailOutbox outbox,
    AuditLog auditLog,
    TimeProvider timeProvider,
    IOptions<LatchkeyOptions> options)
{
    /// <returns>The method that matched (<see cref="SecondFactorMethod"/>), or null when nothing did.</returns>
    public async Task<string?> VerifyAsync(Account account, string? code, string? recoveryCode, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        var now = timeProvider.GetUtcNow();
        if (!string.IsNullOrWhiteSpace(code))
        {
            var totp = await db.TotpAuthenticators.AsNoTracking()
                .SingleOrDefaultAsync(t => t.AccountId == account.Id && t.ConfirmedAt != null, cancellationToken);
            if (totp is null || TotpCodes.Match(secrets.Unprotect(totp.ProtectedSecret), code, now, totp.LastUsedStep) is not { } step)
            {
                return null;
            }

            var claimed = await db.TotpAuthenticators.Where(t => t.AccountId == account.Id && t.LastUsedStep < step)
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.LastUsedStep, step), cancellationToken);
            return claimed == 1 ? SecondFactorMethod.Totp : null;
        }

        if (!string.IsNullOrWhiteSpace(recoveryCode) && recoveryCode.Length <= 64)
        {
            var hash = RecoveryCodes.Hash(account.Id, recoveryCode);
            var used = await db.RecoveryCodes.Where(r => r.AccountId == account.Id && r.Hash == hash && r.UsedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.UsedAt, now), cancellationToken);
            if (used != 1)
            {
                return null;
            }

            var left = await db.RecoveryCodes.CountAsync(r => r.AccountId == account.Id && r.UsedAt == null, cancellationToken);
            auditLog.Add(AuditEventTypes.RecoveryCodeUsed, AuditEventTypes.Success, context, account.Id, account.Email, $"{left} left");
            outbox.Enqueue(TwoFactorEmail.RecoveryCodeUsed(account.Email!, left, now, context.Ip, options.Value.PublicUrl, Data.Languages.CultureOf(account)));
            return SecondFactorMethod.RecoveryCode;
        }

        return null;
    }
}
