namespace Latchkey.Core.Domains;

/// <summary>A domain whose addresses Latchkey manages, e.g. <c>example.com</c>.</summary>
public sealed class MailDomain
{
    /// <summary>Lower-case, IDNA ASCII form.</summary>
    public string Name { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The domain's own password policy as JSON (<see cref="Passwords.PasswordPolicy"/>), or null for the global one.</summary>
    public string? PasswordPolicy { get; set; }
}
