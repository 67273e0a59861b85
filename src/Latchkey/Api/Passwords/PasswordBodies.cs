namespace Latchkey.Api.Passwords;

/// <summary>Body of <c>POST /api/v1/me/password</c>. App passwords survive the change unless <see cref="RevokeAppPasswords"/>.</summary>
public sealed record ChangePasswordBody(string? CurrentPassword, string? NewPassword, string? ConfirmPassword, bool SignOutEverywhere = false, bool RevokeAppPasswords = false);

/// <summary>Body of <c>POST /api/v1/passwords/check</c>.</summary>
public sealed record CheckPasswordBody(string? Password, string? Email);

/// <summary>Body of <c>POST /api/v1/passwords/generate</c>.</summary>
public sealed record GeneratePasswordBody(string? Email, int? Length);
