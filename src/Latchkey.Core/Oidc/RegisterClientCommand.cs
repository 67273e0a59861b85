namespace Latchkey.Core.Oidc;

/// <summary>A new OpenID Connect client (relying party): its name, where codes go, and where logouts go.</summary>
public sealed record RegisterClientCommand(string? Name, IReadOnlyList<string> RedirectUris, string? PostLogoutRedirectUri, string? BackchannelLogoutUri, bool FirstParty);
