namespace Latchkey.Api.Passwords;

/// <summary>
/// Body of <c>POST /api/v1/passwords/generate</c>: the address whose domain policy applies (default: the signed-in
/// account), or the token of a password-reset link (its account's policy), and an optional length.
/// </summary>
public sealed record GeneratePasswordBody(string? Email, int? Length, string? Token = null);
