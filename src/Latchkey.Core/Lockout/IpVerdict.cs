namespace Latchkey.Core.Lockout;

/// <summary>What the failures from one client IP address call for: nothing, a delay in seconds, or a refusal.</summary>
public sealed record IpVerdict(bool Refused, int DelaySeconds)
{
    public static IpVerdict None { get; } = new(false, 0);
}
