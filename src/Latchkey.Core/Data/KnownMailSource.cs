namespace Latchkey.Core.Data;

/// <summary>
/// A mail client address that logged in to the account successfully: until <see cref="TrustedUntil"/> it passes
/// the account's lock (Dovecot's passdb query and the policy endpoint both read it).
/// </summary>
public sealed class KnownMailSource
{
    public Guid AccountId { get; set; }

    public string Ip { get; set; } = "";

    public DateTimeOffset LastSuccessAt { get; set; }

    /// <summary><see cref="LastSuccessAt"/> plus <c>LockoutOptions.KnownMailSourceLifetime</c>.</summary>
    public DateTimeOffset TrustedUntil { get; set; }
}
