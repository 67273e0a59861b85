using System.ComponentModel.DataAnnotations;

namespace Latchkey.Core.Lockout;

/// <summary>
/// <c>Latchkey:Lockout</c>: when failed logins (web and mail alike) lock an account. Defaults: locked after
/// <see cref="MaxFailures"/> = 10 <em>distinct</em> wrong passwords (the same wrong password retried counts once)
/// within <see cref="FailureWindow"/> = 1 h; the first lock lasts <see cref="FirstLockDuration"/> = 15 min and each
/// further one <see cref="LockDurationFactor"/> = 4 times longer, up to <see cref="MaxLockDuration"/> = 1 day, until
/// a successful login or an unlock starts over. With <see cref="LockUntilUnlocked"/> (default off) a lock lasts until
/// an administrator lifts it. Per client IP: answers are delayed after <see cref="IpDelayAfter"/> = 20 distinct
/// failures within <see cref="IpWindow"/> = 15 min and refused after <see cref="IpRefuseAfter"/> = 100.
/// A lock holds for unknown sources only (docs/lockout.md): a browser with a device cookie from a successful sign-in
/// (valid <see cref="DeviceLifetime"/> = 90 days, renewed at each sign-in) and a mail client address that logged in
/// successfully within <see cref="KnownMailSourceLifetime"/> = 30 days still sign in with the right password; such a
/// known source that fails <see cref="MaxFailures"/> distinct times within <see cref="FailureWindow"/> is unknown again.
/// </summary>
public sealed class LockoutOptions
{
    public const string SectionName = "Latchkey:Lockout";

    [Range(1, 1000)]
    public int MaxFailures { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromHours(1);

    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan FirstLockDuration { get; set; } = TimeSpan.FromMinutes(15);

    [Range(1, 100)]
    public int LockDurationFactor { get; set; } = 4;

    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan MaxLockDuration { get; set; } = TimeSpan.FromDays(1);

    public bool LockUntilUnlocked { get; set; }

    /// <summary>Distinct failures from one IP address (any account) after which each mail login waits; 0 = never.</summary>
    [Range(0, 1_000_000)]
    public int IpDelayAfter { get; set; } = 20;

    /// <summary>Distinct failures from one IP address after which its logins are refused until the window passes; 0 = never.</summary>
    [Range(0, 1_000_000)]
    public int IpRefuseAfter { get; set; } = 100;

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan IpWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The longest delay asked of Dovecot, in seconds (it doubles from 1 s with every further failure).</summary>
    [Range(1, 60)]
    public int MaxIpDelaySeconds { get; set; } = 15;

    /// <summary>How long failed logins are kept for the helpdesk's view (default 7 days).</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan RetainFailures { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a browser's device cookie stays valid after the sign-in that set it.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "730.00:00:00")]
    public TimeSpan DeviceLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How long after its last successful login a mail client address stays known for the account.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "365.00:00:00")]
    public TimeSpan KnownMailSourceLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The duration of the lock number <paramref name="level"/> (1 = first) under these settings.</summary>
    public TimeSpan LockDuration(int level)
    {
        var duration = FirstLockDuration;
        for (var i = 1; i < level && duration < MaxLockDuration; i++)
        {
            duration *= LockDurationFactor;
        }

        return duration < MaxLockDuration ? duration : MaxLockDuration;
    }
}
