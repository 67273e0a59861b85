using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Latchkey.Core.Passwords.Blocklist;

/// <summary>
/// The 64-bit key a password is filed under: the first 8 bytes of SHA-1(UTF-8 of the password), read big-endian. It is
/// therefore also the first 16 hex digits of a Have I Been Pwned <c>HASH:COUNT</c> line, so plain lists and HIBP files
/// land in the same filter. SHA-1 is used for that compatibility and as a uniform hash, not for secrecy.
/// </summary>
internal static class BlocklistKey
{
    private const int StackLimit = 512;

    public static ulong Of(ReadOnlySpan<char> password)
    {
        var length = Encoding.UTF8.GetMaxByteCount(password.Length);
        byte[]? rented = null;
        Span<byte> buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        var written = 0;
        try
        {
            written = Encoding.UTF8.GetBytes(password, buffer);
            return OfUtf8(buffer[..written]);
        }
        finally
        {
            // The buffer held the password's bytes.
            CryptographicOperations.ZeroMemory(buffer[..written]);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public static ulong OfUtf8(ReadOnlySpan<byte> utf8)
    {
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
#pragma warning disable CA5350 // SHA-1 because Have I Been Pwned publishes SHA-1; it files keys, it protects nothing.
        SHA1.HashData(utf8, hash);
#pragma warning restore CA5350
        return BinaryPrimitives.ReadUInt64BigEndian(hash);
    }

    /// <summary>Reads the key from the first 16 of 40 hex digits of a SHA-1 (either case); false if any of the 40 is not hex.</summary>
    public static bool TryParseSha1Hex(ReadOnlySpan<byte> hex, out ulong key)
    {
        key = 0;
        if (hex.Length != SHA1.HashSizeInBytes * 2)
        {
            return false;
        }

        for (var i = 0; i < hex.Length; i++)
        {
            var digit = HexValue(hex[i]);
            if (digit < 0)
            {
                return false;
            }

            if (i < 16)
            {
                key = (key << 4) | (uint)digit;
            }
        }

        return true;
    }

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        _ => -1,
    };
}
