namespace Latchkey.Core.Data;

/// <summary>
/// A signed-in browser or API client. The cookie holds a random token; only its SHA-256 is stored, so a copy
/// of the database cannot be replayed as a cookie.
/// </summary>
public sealed class Session
{
    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    public byte[] TokenHash { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>The absolute end of the session, whatever its activity.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedReason { get; set; }

    public string Ip { get; set; } = "";

    public string UserAgent { get; set; } = "";

    /// <summary>When this session last passed a second-factor check (sign-in or step-up); <c>StepUp</c> reads it.</summary>
    public DateTimeOffset? SecondFactorAt { get; set; }
}
