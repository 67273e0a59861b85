namespace Latchkey.Core.Lockout;

/// <summary>The outcome of an unlock: the account's address, and whether it was locked at all.</summary>
public sealed record Unlocked(Guid AccountId, string Email, bool WasLocked);
