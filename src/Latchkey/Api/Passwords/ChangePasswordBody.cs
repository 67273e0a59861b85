namespace Latchkey.Api.Passwords;

/// <summary>Body of <c>POST /api/v1/me/password</c>. App passwords survive the change unless <see cref="RevokeAppPasswords"/>.</summary>
public sealed record ChangePasswordBody(string? CurrentPassword, string? NewPassword, string? ConfirmPassword, bool SignOutEverywhere = false, bool RevokeAppPasswords = false, bool RevokeApiTokens = false);
