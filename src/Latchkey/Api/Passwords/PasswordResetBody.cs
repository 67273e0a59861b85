namespace Latchkey.Api.Passwords;

/// <summary>Body of <c>POST /api/v1/password-resets</c>.</summary>
public sealed record PasswordResetBody(string? Email);
