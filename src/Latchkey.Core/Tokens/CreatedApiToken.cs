namespace Latchkey.Core.Tokens;

/// <summary>A new token and its secret, which exists in this value only.</summary>
public sealed record CreatedApiToken(ApiTokenView Token, string Secret);
