namespace Latchkey.Api.Tokens;

/// <summary><c>{name, scopes, expiresInDays}</c>; expiresInDays defaults to 90.</summary>
public sealed record CreateTokenBody(string? Name, IReadOnlyList<string>? Scopes, int? ExpiresInDays);
