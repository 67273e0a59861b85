namespace Latchkey.Core.Accounts;

/// <summary>A device still sending the account's previous password (filled by the mailbox lockout feature).</summary>
public sealed record StaleDeviceView(string Protocol, string Ip, DateTimeOffset LastSeenAt, int Attempts);
