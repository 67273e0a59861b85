using Latchkey.Core.Notifications;
using Latchkey.Core.Sessions;

namespace Latchkey.Core.Mailboxes;

/// <summary>
/// Signing an account out everywhere also closes its open IMAP and SMTP connections: queued in the same transaction,
/// sent to Dovecot (<c>doveadm kick</c>) by the outbox after commit.
/// </summary>
public sealed class CloseMailConnectionsOnSignOut(MailConnectionKicks kicks) : ISignOutEverywhereHook
{
    public Task SignedOutEverywhereAsync(Guid accountId, string reason, CancellationToken cancellationToken) =>
        kicks.EnqueueAsync(accountId, cancellationToken);
}
