namespace Latchkey.Core.Oidc;

/// <summary>A client as listed (never the secret).</summary>
public sealed record OidcClientView(string ClientId, string Name, IReadOnlyList<string> RedirectUris, IReadOnlyList<string> PostLogoutRedirectUris, string? BackchannelLogoutUri, bool FirstParty);
