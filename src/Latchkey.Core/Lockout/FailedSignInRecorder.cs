using Latchkey.Core.Accounts;
using Latchkey.Core.Passwords;
using Latchkey.Core.Sessions;

namespace Latchkey.Core.Lockout;

/// <summary>
/// What a refused web sign-in leaves behind (DESIGN.md flow 5). The account's previous password, from a browser that
/// still has it saved, is recorded as a stale device (protocol <c>web</c>) and never counts toward a lock. Any other
/// wrong password goes to the lockout counters shared with IMAP and SMTP.
/// </summary>
public sealed class FailedSignInRecorder(AccountLockout lockout, PasswordHistory history, StaleDevices staleDevices)
{
    /// <returns>True when the attempt was recorded as a stale device rather than a failure.</returns>
    public async Task<bool> RecordAsync(Account? account, string login, string password, string ip, string userAgent, CancellationToken cancellationToken = default)
    {
        if (account is not null && account.PasswordHash is not null && await history.IsPreviousAsync(account, password, cancellationToken))
        {
            await staleDevices.RecordAsync(account, SignInHandler.Protocol, ip, DeviceDescription.FromUserAgent(userAgent), cancellationToken);
            return true;
        }

        await lockout.RecordFailureAsync(
            new FailedLogin(account?.Id, login, ip, SignInHandler.Protocol, await lockout.PwHashAsync(login, password, cancellationToken)), cancellationToken);
        return false;
    }
}
