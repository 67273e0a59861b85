namespace Latchkey.Core.Data;

/// <summary>
/// An account's authenticator app (RFC 6238: SHA-1, 6 digits, 30 s). <see cref="ProtectedSecret"/> is the secret
/// protected with the Data Protection key ring (<c>TotpSecrets</c>), never stored in clear. Until
/// <see cref="ConfirmedAt"/> is set the row is only a set-up in progress and opens nothing.
/// <see cref="LastUsedStep"/> is the time step of the last accepted code: a code of that step or earlier is refused,
/// so a code cannot be replayed within its window.
/// </summary>
public sealed class TotpAuthenticator
{
    public Guid AccountId { get; set; }

    public string ProtectedSecret { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ConfirmedAt { get; set; }

    public long LastUsedStep { get; set; }
}
