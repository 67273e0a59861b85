using Latchkey.Core.Accounts;
using Latchkey.Core.Audit;
using Latchkey.Core.Sessions;

namespace Latchkey.Core.Passwords;

/// <summary>
/// What every password change brings with it, whoever makes it (the user, an administrator, a reset link): the
/// history entry and the end of the account's sessions, written in the caller's transaction.
/// </summary>
public sealed class PasswordChangeEffects(PasswordHistory history, SessionRevoker sessions, TimeProvider timeProvider)
{
    public DateTimeOffset Now => timeProvider.GetUtcNow();

    /// <summary>Records the new hash and ends every session but <paramref name="keepSession"/>; returns how many ended.</summary>
    public async Task<int> ApplyAsync(Account account, Guid? keepSession, string reason, AuditContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        history.Record(account);
        await history.PruneAsync(account.Id, cancellationToken);
        var ended = await sessions.RevokeAllAsync(account.Id, keepSession, reason, cancellationToken);
        await sessions.AccountChangedAsync(account.Id, cancellationToken);
        return ended;
    }
}
