namespace Latchkey.Core.Mailboxes;

/// <summary>
/// What Latchkey and every Dovecot in front of it share (one row, <see cref="Id"/> = 1): the <see cref="Secret"/>
/// Dovecot sends as the Basic-auth password of the policy URL, and the <see cref="Nonce"/> both sides hash
/// passwords with into the 12-bit <c>pwhash</c>. Generated once by Latchkey; <c>latchkey dovecot config</c> writes
/// them into the configuration it generates. Kept in the store so every node of a cluster checks the same secret.
/// </summary>
public sealed class DovecotPolicySecret
{
    public const int SingletonId = 1;

    public int Id { get; set; }

    public string Nonce { get; set; } = "";

    public string Secret { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
