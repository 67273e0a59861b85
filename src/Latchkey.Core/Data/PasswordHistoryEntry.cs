namespace Latchkey.Core.Data;

/// <summary>A hash of a password the account has had (the current one included), for the reuse rule.</summary>
public sealed class PasswordHistoryEntry
{
    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    public string PasswordHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
