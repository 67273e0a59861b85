using System.Security.Cryptography;
using System.Text;

namespace Latchkey.Core.Lockout;

/// <summary>
/// Dovecot 2.3's auth-policy <c>pwhash</c>: SHA-256 of <c>nonce || login || 0x00 || password</c>, of which the first
/// <see cref="Bits"/> bits are kept and written as hex (12 bits: four hex digits, the first always 0). One wrong
/// password repeated gives the same value; different passwords almost always differ (1 in 4096 collide). Too short
/// to test password guesses against, so it may be stored.
/// </summary>
internal static class DovecotPwHash
{
    /// <summary>The truncation written into the generated configuration (<c>auth_policy_hash_truncate</c>).</summary>
    public const int Bits = 12;

    public static string Compute(string nonce, string login, string password)
    {
        ArgumentNullException.ThrowIfNull(nonce);
        ArgumentNullException.ThrowIfNull(login);
        ArgumentNullException.ThrowIfNull(password);
        var data = new byte[Encoding.UTF8.GetByteCount(nonce) + Encoding.UTF8.GetByteCount(login) + 1 + Encoding.UTF8.GetByteCount(password)];
        try
        {
            var written = Encoding.UTF8.GetBytes(nonce, data);
            written += Encoding.UTF8.GetBytes(login, data.AsSpan(written));
            data[written++] = 0;
            Encoding.UTF8.GetBytes(password, data.AsSpan(written));
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(data, digest);

            // Keep the first ceil(bits/8) bytes as a big-endian number shifted right to `bits` bits, as
            // Dovecot's buffer_truncate_rshift_bits does.
            const int Bytes = (Bits + 7) / 8;
            var value = 0;
            for (var i = 0; i < Bytes; i++)
            {
                value = (value << 8) | digest[i];
            }

            value >>= (8 * Bytes) - Bits;
            return value.ToString($"x{Bytes * 2}", System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(data);
        }
    }
}
