namespace Latchkey.Core.TwoFactor;

/// <summary>A passkey as lists show it: never its key or credential id.</summary>
public sealed record PasskeyView(Guid Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);
