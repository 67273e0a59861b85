namespace Latchkey.Core.Accounts;

/// <summary>
/// <c>Latchkey:Bootstrap</c>: the first Administrator, created on the first start with an empty store. Without
/// <see cref="AdminEmail"/> and <see cref="AdminPassword"/>, the console prints a one-time setup link instead.
/// </summary>
public sealed class BootstrapOptions
{
    public const string SectionName = "Latchkey:Bootstrap";

    public string? AdminEmail { get; set; }

    public string? AdminPassword { get; set; }
}
