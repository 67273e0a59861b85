namespace Latchkey.Core.Passwords;

/// <summary>The result of an admin reset: the generated password (shown once) when Latchkey made it.</summary>
public sealed record PasswordSetByAdmin(string Email, string? GeneratedPassword, int SessionsEnded);
