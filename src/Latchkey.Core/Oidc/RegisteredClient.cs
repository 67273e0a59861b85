namespace Latchkey.Core.Oidc;

/// <summary>A registered client; <see cref="ClientSecret"/> exists in this value only (the store keeps a hash).</summary>
public sealed record RegisteredClient(string ClientId, string ClientSecret, string Name);
