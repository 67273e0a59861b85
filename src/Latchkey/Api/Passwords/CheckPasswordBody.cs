namespace Latchkey.Api.Passwords;

/// <summary>Body of <c>POST /api/v1/passwords/check</c>.</summary>
public sealed record CheckPasswordBody(string? Password, string? Email);
