namespace Latchkey.Core.Data;

/// <summary>
/// An RSA key of the OpenID Connect provider, kept in the store so every node signs and decrypts with the same keys.
/// The private key is protected with the Data Protection key ring (itself in the store). Never a development
/// certificate.
/// </summary>
public sealed class OidcKey
{
    public const string Signing = "sig";
    public const string Encryption = "enc";

    public Guid Id { get; set; }

    /// <summary><see cref="Signing"/> or <see cref="Encryption"/>.</summary>
    public string Use { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>After this the key is no longer the current one; it stays published until <see cref="RetiresAt"/>.</summary>
    public DateTimeOffset RotatesAt { get; set; }

    public DateTimeOffset RetiresAt { get; set; }

    public string ProtectedKey { get; set; } = "";
}
