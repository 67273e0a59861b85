namespace Latchkey.Api.Passwords;

/// <summary><c>{"password"}</c>: a generated password, answered once (<c>POST /passwords/generate</c>, an admin reset that generates).</summary>
public sealed record GeneratedPasswordResponse(string Password);
