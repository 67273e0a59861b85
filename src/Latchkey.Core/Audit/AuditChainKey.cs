using System.Buffers.Binary;
using System.Security.Cryptography;
using Latchkey.Core.Data;

namespace Latchkey.Core.Audit;

/// <summary>
/// The HMAC key of the audit chain: derived with HKDF-SHA256 from the <see cref="StoreKeyFile"/> (the 0600 file beside
/// the store that also encrypts the Data Protection keys), so it is never in the database, a backup of it, or a log.
/// Someone who can write the database but not read the key file cannot recompute a single link.
/// </summary>
public sealed class AuditChainKey(StoreKeyFile keyFile)
{
    public const int KeyBytes = 32;

    private static readonly byte[] _info = "latchkey-audit-chain-v1"u8.ToArray();
    private static readonly byte[] _markerTag = "latchkey-audit-keyed-from-v1"u8.ToArray();

    private readonly Lazy<byte[]> _key = new(() => Derive(keyFile.Key), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Where the key file is (<c>Latchkey:KeyFile</c>), for messages; never its content.</summary>
    public string KeyFilePath => keyFile.Path;

    /// <summary>The key, creating the key file on first use as a new store's first start does.</summary>
    public ReadOnlySpan<byte> Key => _key.Value;

    /// <summary>The key when the key file exists; null, without creating one, when it does not (verification must not invent a key).</summary>
    public byte[]? TryRead() => keyFile.Exists ? _key.Value : null;

    public static byte[] Derive(ReadOnlySpan<byte> fileKey)
    {
        var key = new byte[KeyBytes];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, fileKey, key, salt: [], info: _info);
        return key;
    }

    /// <summary>The tag of the keying row: HMAC-SHA256 under the key over a fixed label and the first keyed sequence.</summary>
    public static byte[] MarkerTag(ReadOnlySpan<byte> key, long keyedFrom)
    {
        Span<byte> message = stackalloc byte[_markerTag.Length + 8];
        _markerTag.CopyTo(message);
        BinaryPrimitives.WriteInt64BigEndian(message[_markerTag.Length..], keyedFrom);
        return HMACSHA256.HashData(key, message);
    }
}
