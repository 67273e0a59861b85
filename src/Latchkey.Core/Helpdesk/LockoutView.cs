using Latchkey.Core.Sessions;

namespace Latchkey.Core.Helpdesk;

/// <summary>
/// What the helpdesk sees of an account's lock: whether and until when it is locked (null = until unlocked), the
/// reason shown to the user, the recent failed logins (newest first) and the devices using the previous password.
/// </summary>
public sealed record LockoutView(
    Guid AccountId,
    string Email,
    bool Locked,
    DateTimeOffset? LockedUntil,
    string? Reason,
    IReadOnlyList<FailedLoginView> RecentFailures,
    IReadOnlyList<StaleDeviceView> StaleDevices);
