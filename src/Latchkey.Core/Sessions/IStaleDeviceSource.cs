namespace Latchkey.Core.Sessions;

/// <summary>
/// Where a session's snapshot (<see cref="AuthenticatedSession.StaleDevices"/>) gets the devices still sending the
/// account's previous password. Lockout keeps that list (<c>Lockout/StaleDevices</c>) and implements this seam, so
/// Sessions, which Lockout builds on to end sessions, need not know it.
/// </summary>
public interface IStaleDeviceSource
{
    Task<IReadOnlyList<StaleDeviceView>> ListAsync(Guid accountId, CancellationToken cancellationToken = default);
}
