namespace Latchkey.Core.Data;

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

    /// <summary>
    /// The key Dovecot's doveadm HTTP API accepts (<c>doveadm_api_key</c>), generated like <see cref="Secret"/>;
    /// empty until <c>latchkey dovecot config</c> first runs.
    /// </summary>
    public string DoveadmApiKey { get; set; } = "";

    /// <summary>Where that API listens (<c>http://127.0.0.1:port/doveadm/v1</c>), as the last generated configuration says; null before.</summary>
    public string? DoveadmUrl { get; set; }
}
