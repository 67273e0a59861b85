namespace Latchkey.Core.Tokens;

/// <summary>Create a token for <see cref="AccountId"/>; <see cref="ExpiresInDays"/> null means the default.</summary>
public sealed record CreateApiTokenCommand(Guid AccountId, string? Name, IReadOnlyList<string>? Scopes, int? ExpiresInDays);
