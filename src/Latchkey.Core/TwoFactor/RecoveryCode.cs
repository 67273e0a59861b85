namespace Latchkey.Core.TwoFactor;

/// <summary>One single-use recovery code, stored as <see cref="RecoveryCodes.Hash"/> of the code, never in clear.</summary>
public sealed class RecoveryCode
{
    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    public string Hash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}
