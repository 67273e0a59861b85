namespace Latchkey.Core.Sessions;

/// <summary>A device still sending the account's previous password (Lockout/StaleDevices).</summary>
public sealed record StaleDeviceView(string Protocol, string Ip, DateTimeOffset LastSeenAt, int Attempts);
