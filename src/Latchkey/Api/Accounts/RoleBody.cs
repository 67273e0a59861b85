namespace Latchkey.Api.Accounts;

/// <summary>Body of <c>POST /api/v1/accounts/{id}/roles</c>: the role and, except for Administrator, its domain.</summary>
public sealed record RoleBody(string? Role, string? Domain);
