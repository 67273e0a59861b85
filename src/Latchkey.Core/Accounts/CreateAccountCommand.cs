using Latchkey.Core.Data;
namespace Latchkey.Core.Accounts;

/// <summary>
/// A new account. <see cref="Domain"/> is the scope of an Operator's or Manager's role (required for them);
/// with neither <see cref="Password"/> nor <see cref="Generate"/> the account has no password until a reset.
/// </summary>
public sealed record CreateAccountCommand(
    string Email,
    Role Role,
    string? Domain = null,
    bool Mailbox = false,
    string? Password = null,
    bool Generate = false,
    bool PanelAccess = true);
