namespace Latchkey.Core.Data;

/// <summary>
/// A device that keeps logging in with the account's previous password: one row per protocol, IP address and
/// device id (the IMAP <c>ID</c> the client sent, or empty), with how often and when it was last seen.
/// </summary>
public sealed class StaleDevice
{
    public const int MaxDeviceIdLength = 256;

    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    public string Protocol { get; set; } = "";

    public string Ip { get; set; } = "";

    /// <summary>The client's own description (IMAP <c>ID</c>), or empty when it sent none.</summary>
    public string DeviceId { get; set; } = "";

    public DateTimeOffset FirstSeenAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    public int Attempts { get; set; }
}
