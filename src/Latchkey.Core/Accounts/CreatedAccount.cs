using Latchkey.Core.Data;
namespace Latchkey.Core.Accounts;

/// <summary>The new account, and its password when Latchkey generated it (shown once, never stored in clear).</summary>
public sealed record CreatedAccount(Account Account, string? GeneratedPassword);
