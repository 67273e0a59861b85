namespace Latchkey.Core.Accounts;

/// <summary>The account as the API answers it (DESIGN.md's shape, which scripts rely on).</summary>
public sealed record AccountView(
    Guid Id,
    string Email,
    string Domain,
    IReadOnlyList<RoleView> Roles,
    bool PanelAccess,
    bool MailboxAccess,
    bool Disabled,
    bool Locked,
    DateTimeOffset? LockedUntil,
    bool MustChangePassword,
    IReadOnlyList<StaleDeviceView> StaleDevices)
{
    public static AccountView From(Account account, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(account);
        var locked = account.LockoutEnd is { } end && end > now;
        return new AccountView(
            account.Id,
            account.Email ?? "",
            account.Domain,
            [.. account.Roles.OrderByDescending(r => r.Role).Select(r => new RoleView(r.Role.ToString(), r.Domain))],
            account.PanelAccess,
            account.MailboxAccess,
            account.Disabled,
            locked,
            locked ? account.LockoutEnd : null,
            account.MustChangePassword,
            []);
    }
}
