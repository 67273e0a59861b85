namespace Latchkey.Api.Accounts;

/// <summary>Body of <c>POST /api/v1/accounts</c>.</summary>
public sealed record CreateAccountBody(string? Email, string? Role, string? Domain, bool Mailbox = false, bool PanelAccess = true, string? Password = null, bool Generate = false);
