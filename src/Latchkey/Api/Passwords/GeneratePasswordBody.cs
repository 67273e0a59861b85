namespace Latchkey.Api.Passwords;

/// <summary>Body of <c>POST /api/v1/passwords/generate</c>.</summary>
public sealed record GeneratePasswordBody(string? Email, int? Length);
