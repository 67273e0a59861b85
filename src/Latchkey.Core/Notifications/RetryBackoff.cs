namespace Latchkey.Core.Notifications;

/// <summary>The wait before the next attempt: exponential, capped, with jitter that only shortens it.</summary>
internal static class RetryBackoff
{
    /// <summary>
    /// <see cref="OutboxOptions.FirstRetryDelay"/> × 2^(<paramref name="failures"/> − 1), at most
    /// <see cref="OutboxOptions.MaxRetryDelay"/>, then shortened by <paramref name="jitter"/> (0 to 1) × 20 %.
    /// </summary>
    public static TimeSpan After(int failures, OutboxOptions options, double jitter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        ArgumentNullException.ThrowIfNull(options);
        var doubled = options.FirstRetryDelay.Ticks * Math.Pow(2, Math.Min(failures - 1, 40));
        var capped = Math.Min(doubled, options.MaxRetryDelay.Ticks);
        return TimeSpan.FromTicks((long)(capped * (1 - (0.2 * Math.Clamp(jitter, 0, 1)))));
    }
}
