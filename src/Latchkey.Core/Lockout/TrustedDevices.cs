using System.Globalization;
using System.Security.Cryptography;
using Latchkey.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Lockout;

/// <summary>
/// OWASP's device cookies for the web sign-in: after a successful sign-in the browser gets a cookie signed and
/// encrypted with Data Protection, naming the account, a random device id and when it was issued. At the next
/// sign-in to the same account, within <see cref="LockoutOptions.DeviceLifetime"/>, the browser is a known source:
/// the account's lock does not hold for it, and its failures count toward its own limit only.
/// </summary>
/// <remarks>
/// Guarantees: a cookie for another account, expired, altered or made with another key ring is ignored (the browser
/// is then an unknown source, nothing else); a device whose own failures within
/// <see cref="LockoutOptions.FailureWindow"/> reach <see cref="LockoutOptions.MaxFailures"/> is unknown again until
/// they age out. The cookie never carries the password or anything derived from it.
/// </remarks>
public sealed class TrustedDevices(IDataProtectionProvider protection, FailureCounter counter, IOptions<LockoutOptions> options, TimeProvider timeProvider)
{
    public const string CookieName = "latchkey_device";

    private const string Purpose = "Latchkey.Lockout.DeviceCookie.v1";

    /// <summary>The device id of a valid cookie for <paramref name="account"/> whose device is within its limit; else null.</summary>
    public async Task<string?> KnownDeviceAsync(Account account, string? cookie, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (Read(cookie) is not { } device || device.AccountId != account.Id)
        {
            return null;
        }

        var now = timeProvider.GetUtcNow();
        if (device.IssuedAt > now.AddMinutes(5) || device.IssuedAt + options.Value.DeviceLifetime <= now)
        {
            return null;
        }

        return await counter.SourceOverLimitAsync(account.Id, device.DeviceId, null, cancellationToken) ? null : device.DeviceId;
    }

    /// <summary>A new cookie value for <paramref name="accountId"/>: the same device id when the browser had one.</summary>
    public string Issue(Guid accountId, string? deviceId)
    {
        var id = deviceId ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var payload = string.Join('|', accountId.ToString("N"), id, timeProvider.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        return Protector().Protect(payload);
    }

    /// <summary>The device id a cookie names for any account (to keep it when the browser signs in again); null if invalid.</summary>
    public string? DeviceIdOf(string? cookie) => Read(cookie)?.DeviceId;

    private (Guid AccountId, string DeviceId, DateTimeOffset IssuedAt)? Read(string? cookie)
    {
        if (string.IsNullOrEmpty(cookie) || cookie.Length > 1024)
        {
            return null;
        }

        string payload;
        try
        {
            payload = Protector().Unprotect(cookie);
        }
        catch (CryptographicException)
        {
            return null;
        }

        var parts = payload.Split('|');
        return parts.Length == 3
            && Guid.TryParseExact(parts[0], "N", out var accountId)
            && parts[1].Length == 32
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var issued)
            ? (accountId, parts[1], DateTimeOffset.FromUnixTimeSeconds(issued))
            : null;
    }

    private IDataProtector Protector() => protection.CreateProtector(Purpose);
}
