using Latchkey.Core.Data;
using Latchkey.Core.Sessions;

namespace Latchkey.Core.Lockout;

/// <summary>
/// What a refused web sign-in leaves behind (DESIGN.md flow 5). The account's previous password, from a browser that
/// still has it saved, is recorded as a stale device (protocol <c>web</c>) and never counts toward a lock. Any other
/// wrong password goes to the lockout counters shared with IMAP and SMTP: against the account's lock from an unknown
/// source, against the device's own limit from a known browser (a device id).
/// </summary>
public sealed class FailedSignInRecorder(FailureCounter counter, StaleDevices staleDevices)
{
    public async Task RecordAsync(
        Account? account, string login, string password, bool previous, string? deviceId, string ip, string userAgent, CancellationToken cancellationToken = default)
    {
        if (account is not null && previous)
        {
            await staleDevices.RecordAsync(account, LoginProtocols.Web, ip, DeviceDescription.FromUserAgent(userAgent), cancellationToken);
            return;
        }

        await counter.RecordFailureAsync(
            new FailedLogin(account?.Id, login, ip, LoginProtocols.Web, await counter.PwHashAsync(login, password, cancellationToken), deviceId ?? ""),
            cancellationToken);
    }
}
