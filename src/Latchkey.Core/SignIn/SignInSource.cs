using Latchkey.Core.Data;
using Latchkey.Core.Lockout;

namespace Latchkey.Core.SignIn;

/// <summary>
/// What the lockout knows about who is asking (docs/lockout.md): whether the client address is throttled, whether the
/// browser carries a device cookie the account trusts, and whether the account is locked for this source (a lock
/// holds for unknown sources only).
/// </summary>
public sealed class SignInSource(AddressThrottle throttle, TrustedDevices devices, AccountLock accountLock)
{
    /// <summary>True when the address has too many recent failures to be heard at all.</summary>
    public async Task<bool> AddressRefusedAsync(string ip, CancellationToken cancellationToken) =>
        (await throttle.CheckIpAsync(ip, cancellationToken)).Refused;

    /// <summary>The known device's id (null: an unknown source), and whether the account is locked for this source.</summary>
    public async Task<(string? DeviceId, bool LockedOut)> AssessAsync(Account? account, string? deviceCookie, CancellationToken cancellationToken)
    {
        if (account is null)
        {
            return (null, false);
        }

        var deviceId = await devices.KnownDeviceAsync(account, deviceCookie, cancellationToken);
        return (deviceId, deviceId is null && accountLock.IsLocked(account));
    }
}
