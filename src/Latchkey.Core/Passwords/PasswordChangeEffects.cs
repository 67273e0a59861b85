using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Latchkey.Core.Lockout;
using Latchkey.Core.Sessions;

namespace Latchkey.Core.Passwords;

/// <summary>
/// What every password change brings with it, whoever makes it (the user, an administrator, a reset link): the
/// history entry, the end of the account's sessions, the end of a lock (a successful reset unlocks; the stale-device
/// list starts empty) and the "your password was changed" e-mail (<see cref="PasswordEmails"/>, sent once the
/// transaction commits), all written in the transaction of <see cref="PasswordChangePipeline"/>, its one caller.
/// </summary>
public sealed class PasswordChangeEffects(
    PasswordHistory history,
    SessionRevoker sessions,
    AccountLock accountLock,
    PasswordEmails emails,
    TimeProvider timeProvider)
{
    public DateTimeOffset Now => timeProvider.GetUtcNow();

    /// <summary>
    /// Records the new hash, unlocks the account, queues the user's notice and, when <paramref name="endSessions"/>, ends every session but
    /// <paramref name="keepSession"/>; returns how many ended.
    /// </summary>
    public async Task<int> ApplyAsync(Account account, bool endSessions, Guid? keepSession, string reason, AuditContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(context);
        history.Record(account);
        emails.QueueChanged(account, Now, context);

        await history.PruneAsync(account.Id, cancellationToken);
        await accountLock.ResetAfterPasswordChangeAsync(account.Id, cancellationToken);
        var ended = endSessions ? await sessions.RevokeAllAsync(account.Id, keepSession, reason, cancellationToken) : 0;
        await sessions.AccountChangedAsync(account.Id, cancellationToken);
        return ended;
    }
}
