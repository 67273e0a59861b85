using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Lockout;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Latchkey.Core.Mailboxes;

/// <summary>
/// Dovecot's <c>allow</c>, asked before the password is checked and again after it matched. Refuses an IP address
/// with too many failures, refuses a device using the previous password with a message saying so, and asks Dovecot
/// to wait when one IP address has failed often. A locked mailbox is not refused here: Dovecot's passdb queries hide
/// it from client addresses not known for it (docs/lockout.md), so it answers exactly as an unknown user would (a
/// refusal here would carry Dovecot's <c>[ALERT]</c> and tell the mailbox exists).
/// </summary>
public sealed class CheckMailLoginHandler(AddressThrottle throttle, ILogger<CheckMailLoginHandler> logger)
{
    public const string TooManyFromAddress = "Too many failed logins from your address. Try again later.";
    public const string StaleMessage = "This device still uses your previous password. Enter the new password in its account settings.";

    public async Task<MailLoginVerdict> HandleAsync(MailLoginAttempt attempt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var ip = await throttle.CheckIpAsync(attempt.Ip, cancellationToken);
        if (ip.Refused)
        {
            MailboxesLog.LoginRefused(logger, attempt.Protocol, attempt.Login, attempt.Ip, "ip_refused");
            return new MailLoginVerdict(-1, TooManyFromAddress);
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
