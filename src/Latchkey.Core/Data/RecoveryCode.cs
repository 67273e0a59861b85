namespace Latchkey.Core.Data;

/// <summary>One single-use recovery code, stored as <c>RecoveryCodes.Hash</c> of the code, never in clear.</summary>
public sealed class RecoveryCode
{
    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    public string Hash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}
