namespace Latchkey.Core.Accounts;

public sealed record RoleView(string Role, string? Domain);
