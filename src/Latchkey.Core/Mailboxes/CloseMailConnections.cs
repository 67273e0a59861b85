using Latchkey.Core.Lockout;
using Latchkey.Core.Notifications;
using Latchkey.Core.Sessions;

namespace Latchkey.Core.Mailboxes;

/// <summary>
/// Signing an account out everywhere, and locking it, also close its open IMAP and SMTP connections: queued in the
/// same transaction, sent to Dovecot (<c>doveadm kick</c>) by the outbox after commit.
/// </summary>
internal sealed class CloseMailConnections(MailConnectionKicks kicks) : ISignOutEverywhereHook, IAccountLockedHook
{
    public Task SignedOutEverywhereAsync(Guid accountId, string reason, CancellationToken cancellationToken) =>
        kicks.EnqueueAsync(accountId, cancellationToken);

    public Task LockedAsync(Guid accountId, CancellationToken cancellationToken) =>
        kicks.EnqueueAsync(accountId, cancellationToken);
}
