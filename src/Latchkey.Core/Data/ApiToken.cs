namespace Latchkey.Core.Data;

/// <summary>
/// A personal API token: a name, scopes and an expiry, sent as <c>Authorization: Bearer lk_…</c>. The token is shown
/// once; only its SHA-256 is stored (it is 256 random bits, so a fast hash is as safe as a slow one, and the check
/// costs what a session check costs). A revoked token keeps its row, so the account's list can say when and why.
/// </summary>
public sealed class ApiToken
{
    public const int MaxNameLength = 64;

    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    public string Name { get; set; } = "";

    public byte[] TokenHash { get; set; } = [];

    /// <summary>Space-separated, from <c>ApiTokenScopes.All</c>.</summary>
    public string Scopes { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Written at most once per <c>LatchkeySessionOptions.LastSeenResolution</c>.</summary>
    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedReason { get; set; }
}
