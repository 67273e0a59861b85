using Latchkey.Core.Data;

namespace Latchkey.Core.Sessions;

/// <summary>
/// What a valid session tells the web layer about the request's account. <see cref="Account"/> is a read-only
/// snapshot (no tracking) taken when the session was last read from the store; every change to the account drops
/// the cached copies of its sessions (<see cref="SessionRevoker.AccountChangedAsync"/>), so it is never stale. The
/// same holds for <see cref="StaleDevices"/>, the devices still sending the previous password.
/// </summary>
public sealed record AuthenticatedSession(
    Guid SessionId,
    Guid AccountId,
    string Email,
    string Domain,
    bool MustChangePassword,
    IReadOnlyList<RoleAssignment> Roles,
    Account Account,
    IReadOnlyList<StaleDeviceView> StaleDevices)
{
    /// <summary>
    /// Null for a cookie session. For a request authenticated by a personal API token, the token's scopes, and
    /// <see cref="SessionId"/> is the token's id.
    /// </summary>
    public IReadOnlyList<string>? Scopes { get; init; }

    public bool IsApiToken => Scopes is not null;
}
