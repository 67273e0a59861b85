namespace Latchkey.Core.Passwords;

/// <summary>
/// An operator, manager or administrator sets another account's password without the old one: typed
/// (<see cref="NewPassword"/>) or generated (<see cref="Generate"/>); <see cref="SignOutEverywhere"/> is on unless
/// the caller turns it off.
/// </summary>
public sealed record SetPasswordByAdminCommand(
    Guid AccountId,
    string? NewPassword,
    bool Generate,
    bool RequireChange,
    bool SignOutEverywhere = true);
