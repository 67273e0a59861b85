using Latchkey.Core.Common;

namespace Latchkey.Core.Data;

/// <summary>A WebAuthn credential (passkey) of an account: its public key only; the private key never leaves the authenticator.</summary>
public sealed class Passkey
{
    public const int MaxNameLength = ColumnWidths.PasskeyName;

    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    public byte[] CredentialId { get; set; } = [];

    public byte[] PublicKey { get; set; } = [];

    public byte[] UserHandle { get; set; } = [];

    public long SignCount { get; set; }

    public string Name { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }
}
