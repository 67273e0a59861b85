namespace Latchkey.Api.Passwords;

/// <summary>Body of <c>POST /api/v1/password-resets/confirm</c>: the token from the link and the new password twice.</summary>
public sealed record ConfirmPasswordResetBody(string? Token, string? NewPassword, string? ConfirmPassword);
