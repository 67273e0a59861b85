using Latchkey.Core.Accounts;
using Latchkey.Core.Data;
using Latchkey.Core.Lockout;
using Latchkey.Core.Sessions;

namespace Latchkey.Core.Helpdesk;

/// <summary>The account as the API answers it (DESIGN.md's shape, which scripts rely on), plus whether it has a second factor.</summary>
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
    IReadOnlyList<StaleDeviceView> StaleDevices,
    bool SecondFactor,
    string Language = Languages.Default)
{
    /// <summary>
    /// The view of <paramref name="account"/> at <paramref name="now"/>. <see cref="LockedUntil"/> is null when the
    /// lock lasts until an administrator lifts it.
    /// </summary>
    public static AccountView From(Account account, DateTimeOffset now, IReadOnlyList<StaleDeviceView>? staleDevices = null)
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
            locked && account.LockoutEnd < AccountLock.Indefinite ? account.LockoutEnd : null,
            account.MustChangePassword,
            staleDevices ?? [],
            account.TwoFactorEnabled,
            Languages.Normalize(account.PreferredLanguage) ?? Languages.Default);
    }
}
