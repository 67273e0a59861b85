using Latchkey.Core.Accounts;
using Latchkey.Core.Data;
using Latchkey.Core.Lockout;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Latchkey.Core.Mailboxes;

/// <summary>
/// Dovecot's <c>allow</c>, asked before the password is checked and again after it matched. Refuses an IP address
/// with too many failures, and a locked mailbox unless the client address is known for it
/// (<see cref="KnownMailSources"/>): before any hashing, with <see cref="RefusedMessage"/>, the same words Dovecot
/// uses for an unknown user, so the answer does not tell that the mailbox exists or is locked. Refuses a device
/// using the previous password with a message saying so, and asks Dovecot to wait when one IP address has failed often.
/// </summary>
public sealed class CheckMailLoginHandler(LatchkeyDbContext db, AccountLockout lockout, KnownMailSources knownSources, ILogger<CheckMailLoginHandler> logger)
{
    /// <summary>Dovecot's own text for a failed login.</summary>
    public const string RefusedMessage = "Authentication failed.";

    public const string TooManyFromAddress = "Too many failed logins from your address. Try again later.";
    public const string StaleMessage = "This device still uses your previous password. Enter the new password in its account settings.";

    public async Task<MailLoginVerdict> HandleAsync(MailLoginAttempt attempt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var ip = await lockout.CheckIpAsync(attempt.Ip, cancellationToken);
        if (ip.Refused)
        {
            MailboxesLog.LoginRefused(logger, attempt.Protocol, attempt.Login, attempt.Ip, "ip_refused");
            return new MailLoginVerdict(-1, TooManyFromAddress);
        }

        var account = await FindAsync(db, attempt.Login, cancellationToken);
        if (account is not null && lockout.IsLocked(account) && !await knownSources.IsKnownAsync(account.Id, attempt.Ip, cancellationToken))
        {
            MailboxesLog.LoginRefused(logger, attempt.Protocol, attempt.Login, attempt.Ip, "locked");
            return new MailLoginVerdict(-1, RefusedMessage);
        }

        if (attempt.Stale)
        {
            return new MailLoginVerdict(-1, StaleMessage);
        }

        return ip.DelaySeconds > 0 ? new MailLoginVerdict(ip.DelaySeconds, "") : MailLoginVerdict.Allow;
    }

    /// <summary>The account a Dovecot login names (Dovecot lower-cases it), untracked; null for anything else.</summary>
    internal static Task<Account?> FindAsync(LatchkeyDbContext db, string login, CancellationToken cancellationToken) =>
        EmailAddress.TryNormalize(login, out var email, out _)
            ? db.Users.AsNoTracking().SingleOrDefaultAsync(a => a.Email == email, cancellationToken)
            : Task.FromResult<Account?>(null);
}
