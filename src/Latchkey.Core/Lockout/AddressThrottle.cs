using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Lockout;

/// <summary>
/// The per-address brake, before any hashing: the distinct failures from one client address (any account, distinct
/// login and password) within <see cref="LockoutOptions.IpWindow"/> call for a growing delay, then a refusal.
/// </summary>
public sealed class AddressThrottle(LatchkeyDbContext db, IOptions<LockoutOptions> options, TimeProvider timeProvider)
{
    /// <summary>The delays double per failure past the threshold; this many doublings reach the ceiling in any case.</summary>
    private const int DoublingsBeforeCeiling = 6;

    /// <summary>Distinct (login, pwhash) failures from an address since a time; compiled once (every sign-in asks first).</summary>
    private static readonly CompiledQuery<Func<LatchkeyDbContext, string, DateTimeOffset, CancellationToken, Task<int>>> _distinctFailures = new(() =>
        EF.CompileAsyncQuery((LatchkeyDbContext context, string address, DateTimeOffset since, CancellationToken _) =>
            context.LoginFailures.Where(f => f.Ip == address && f.OccurredAt > since).Select(f => new { f.Login, f.PwHash }).Distinct().Count()));

    /// <summary>Whether the failures from <paramref name="ip"/> call for a delay or a refusal.</summary>
    public async Task<IpVerdict> CheckIpAsync(string ip, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (settings.IpDelayAfter == 0 && settings.IpRefuseAfter == 0)
        {
            return IpVerdict.None;
        }

        var since = timeProvider.GetUtcNow() - settings.IpWindow;
        var address = ColumnWidths.Fit(ip, ColumnWidths.Ip);
        var distinct = await _distinctFailures.For(db)(db, address, since, cancellationToken);
        if (settings.IpRefuseAfter > 0 && distinct >= settings.IpRefuseAfter)
        {
            return new IpVerdict(true, 0);
        }

        if (settings.IpDelayAfter > 0 && distinct >= settings.IpDelayAfter)
        {
            var steps = distinct - settings.IpDelayAfter;
            return new IpVerdict(false, steps >= DoublingsBeforeCeiling ? settings.MaxIpDelaySeconds : Math.Min(1 << steps, settings.MaxIpDelaySeconds));
        }

        return IpVerdict.None;
    }
}
