using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Latchkey.Core.Notifications;
using Latchkey.Core.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.TwoFactor;

/// <summary>
/// What follows from adding or removing a factor, in the caller's unit of work: the account's
/// <see cref="Microsoft.AspNetCore.Identity.IdentityUser{TKey}.TwoFactorEnabled"/> flag (which Dovecot's view and the
/// sign-in read), a first set of recovery codes with the first factor and none without any factor, the owner's
/// e-mail, the audit event, and fresh cached sessions (the set-up requirement and the flag show in them).
/// </summary>
public sealed class SecondFactorChanges(
    LatchkeyDbContext db,
    EmailOutbox outbox,
    AuditLog auditLog,
    SessionRevoker sessions,
    SecurityTeamNotices notices,
    TimeProvider timeProvider,
    IOptions<LatchkeyOptions> options)
{
    /// <summary>
    /// After a factor was added to the tracked <paramref name="account"/>; returns new recovery codes when it had none
    /// left. <paramref name="name"/> is the passkey's name (unused for the authenticator app).
    /// </summary>
    public async Task<IReadOnlyList<string>> AddedAsync(Account account, string method, string? name, AuditContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(context);
        account.TwoFactorEnabled = true;
        account.TwoFactorSetupRequired = false;
        account.TwoFactorGraceUsed = 0;
        var codes = await db.RecoveryCodes.AnyAsync(r => r.AccountId == account.Id && r.UsedAt == null, cancellationToken)
            ? []
            : ReplaceRecoveryCodes(account.Id);
        auditLog.Add(AuditEventTypes.TwoFactorAdded, AuditEventTypes.Success, context, account.Id, account.Email, method);
        outbox.Enqueue(TwoFactorEmail.Added(account.Email!, method, name, timeProvider.GetUtcNow(), context.Ip, options.Value.PublicUrl, Languages.CultureOf(account)));
        await sessions.AccountChangedAsync(account.Id, cancellationToken);
        return codes;
    }

    /// <summary>After a factor was removed from the tracked <paramref name="account"/>; the last one takes the recovery codes with it.</summary>
    public async Task RemovedAsync(Account account, string method, string? name, AuditContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(context);
        var totp = await db.TotpAuthenticators.AnyAsync(t => t.AccountId == account.Id && t.ConfirmedAt != null, cancellationToken);
        var passkeys = await db.Passkeys.AnyAsync(p => p.AccountId == account.Id, cancellationToken);
        if (!totp && !passkeys)
        {
            account.TwoFactorEnabled = false;
            await db.RecoveryCodes.Where(r => r.AccountId == account.Id).ExecuteDeleteAsync(cancellationToken);
        }

        auditLog.Add(AuditEventTypes.TwoFactorRemoved, AuditEventTypes.Success, context, account.Id, account.Email, method);
        outbox.Enqueue(TwoFactorEmail.Removed(account.Email!, method, name, timeProvider.GetUtcNow(), context.Ip, options.Value.PublicUrl, Languages.CultureOf(account)));
        await sessions.AccountChangedAsync(account.Id, cancellationToken);
    }

    /// <summary>
    /// Removes every factor, recovery code and pending challenge of the tracked <paramref name="account"/> (roles
    /// loaded), ends all its sessions, and queues the owner's e-mail, the security team's notice and the audit event.
    /// </summary>
    public async Task ResetAsync(Account account, Actor actor, AuditContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(context);
        await db.TotpAuthenticators.Where(t => t.AccountId == account.Id).ExecuteDeleteAsync(cancellationToken);
        await db.Passkeys.Where(p => p.AccountId == account.Id).ExecuteDeleteAsync(cancellationToken);
        await db.RecoveryCodes.Where(r => r.AccountId == account.Id).ExecuteDeleteAsync(cancellationToken);
        await db.TwoFactorChallenges.Where(c => c.AccountId == account.Id).ExecuteDeleteAsync(cancellationToken);
        account.TwoFactorEnabled = false;
        account.TwoFactorGraceUsed = 0;
        await sessions.RevokeAllAsync(account.Id, null, "second_factor_reset", cancellationToken);
        await sessions.AccountChangedAsync(account.Id, cancellationToken);
        outbox.Enqueue(TwoFactorEmail.Reset(account.Email!, actor.AccountId is null ? null : actor.Email, timeProvider.GetUtcNow(), context.Ip, options.Value.PublicUrl, Languages.CultureOf(account)));
        notices.SecondFactorReset(account, actor, context);
        auditLog.Add(AuditEventTypes.TwoFactorReset, AuditEventTypes.Success, context, account.Id, account.Email);
    }

    /// <summary>Replaces every recovery code of the account with <see cref="RecoveryCodes.Count"/> new ones (added to the unit of work).</summary>
    public IReadOnlyList<string> ReplaceRecoveryCodes(Guid accountId)
    {
        db.RecoveryCodes.RemoveRange(db.RecoveryCodes.Where(r => r.AccountId == accountId));
        var now = timeProvider.GetUtcNow();
        var codes = RecoveryCodes.Generate();
        foreach (var code in codes)
        {
            db.RecoveryCodes.Add(new RecoveryCode { Id = Guid.NewGuid(), AccountId = accountId, Hash = RecoveryCodes.Hash(accountId, code), CreatedAt = now });
        }

        return codes;
    }
}
