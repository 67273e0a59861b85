using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Lockout;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Mailboxes;

/// <summary>
/// Dovecot's <c>report</c>, sent after every attempt. A previous-password match is recorded as a stale device and
/// counts toward nothing; Latchkey's own refusals are ignored; a real success starts the counters over, makes the
/// client address known for the mailbox (<see cref="KnownMailSources"/>) and notes an app password's use; a failure
/// is counted: from a known address against that address's own limit (past it, the address is unknown again), else
/// against the mailbox's lock when it names one that may log in by mail, else against the client IP only.
/// </summary>
public sealed class ReportMailLoginHandler(
    LatchkeyDbContext db, FailureCounter counter, StaleDevices staleDevices, KnownMailSources knownSources, TimeProvider timeProvider)
{
    public async Task HandleAsync(MailLoginAttempt attempt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var account = await CheckMailLoginHandler.FindAsync(db, attempt.Login, cancellationToken);
        if (attempt.Stale)
        {
            if (account is not null)
            {
                await staleDevices.RecordAsync(account, attempt.Protocol, attempt.Ip, attempt.DeviceId, cancellationToken);
            }

            return;
        }

        if (attempt.PolicyReject)
        {
            return;
        }

        if (attempt.Success == true)
        {
            // A locked row is reported as a success too (nologin is applied after the password matched); only a known
            // address gets past a lock.
            if (account is null || (AccountLock.IsLockedAt(account, timeProvider.GetUtcNow()) && !await knownSources.IsKnownAsync(account.Id, attempt.Ip, cancellationToken)))
            {
                return;
            }

            await counter.RecordSuccessAsync(account.Id, cancellationToken);
            await knownSources.RememberAsync(account.Id, attempt.Ip, cancellationToken);
            if (attempt.AppPasswordId is { } appPasswordId)
            {
                var now = timeProvider.GetUtcNow();
                await db.AppPasswords.Where(p => p.Id == appPasswordId && p.AccountId == account.Id).ExecuteUpdateAsync(
                    set => set.SetProperty(p => p.LastUsedAt, now).SetProperty(p => p.LastUsedIp, ColumnWidths.Fit(attempt.Ip, ColumnWidths.Ip)).SetProperty(p => p.LastUsedProtocol, ColumnWidths.Fit(attempt.Protocol, ColumnWidths.Protocol)),
                    cancellationToken);
            }

            return;
        }

        var known = account is not null && await knownSources.IsKnownAsync(account.Id, attempt.Ip, cancellationToken);
        // While locked for it, an unknown client meets no mailbox (Dovecot's queries hide it): its failures count
        // against its address only, so they cannot pile up into the next lock.
        var counted = account is { MailboxAccess: true, Disabled: false } && (known || !AccountLock.IsLockedAt(account, timeProvider.GetUtcNow())) ? account.Id : (Guid?)null;
        known &= counted is not null;
        await counter.RecordFailureAsync(
            new FailedLogin(counted, attempt.Login, attempt.Ip, attempt.Protocol, attempt.PwHash, known ? KnownMailSources.Marker : ""), cancellationToken);
        if (known && await counter.SourceOverLimitAsync(counted!.Value, KnownMailSources.Marker, attempt.Ip, cancellationToken))
        {
            await knownSources.ForgetAsync(counted.Value, attempt.Ip, cancellationToken);
        }
    }
}
