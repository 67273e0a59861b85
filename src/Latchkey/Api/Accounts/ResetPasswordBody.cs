namespace Latchkey.Api.Accounts;

/// <summary>Body of <c>POST /api/v1/accounts/{id}/password</c>; <see cref="SignOutEverywhere"/> defaults to true.</summary>
public sealed record ResetPasswordBody(string? NewPassword, bool Generate = false, bool RequireChange = false, bool SignOutEverywhere = true);
