namespace Latchkey.Core.Data;

/// <summary>
/// The pending second step of one sign-in: created only after the right password, bound to its account, single-use,
/// short-lived (<c>TwoFactorOptions.ChallengeLifetime</c>), and dead after
/// <c>TwoFactorOptions.ChallengeMaxFailures</c> wrong codes. Only the SHA-256 of its token is stored.
/// </summary>
public sealed class TwoFactorChallenge
{
    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    public byte[] TokenHash { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public int Failures { get; set; }

    public DateTimeOffset? UsedAt { get; set; }

    public string Ip { get; set; } = "";

    public string UserAgent { get; set; } = "";
}
