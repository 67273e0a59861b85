using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Latchkey.Core.Passwords;

/// <summary>
/// Verifies hashes imported from Dovecot and other Unix systems, <c>{SHA512-CRYPT}$6$…</c> and
/// <c>{BLF-CRYPT}$2y$…</c> (bcrypt), through the system's libxcrypt (<c>crypt_rn</c>, thread-safe). They are only ever
/// verified, never produced: a match is upgraded to Argon2id by Identity at that sign-in.
/// </summary>
internal static unsafe partial class CryptHashes
{
    private const string LibraryName = "libcrypt.so.1";

    /// <summary>Larger than libxcrypt's <c>struct crypt_data</c> (about 33 KiB).</summary>
    private const int DataSize = 64 * 1024;

    public static bool IsSupported(string hash) =>
        hash.StartsWith("$6$", StringComparison.Ordinal)
        || hash.StartsWith("$2y$", StringComparison.Ordinal)
        || hash.StartsWith("$2b$", StringComparison.Ordinal)
        || hash.StartsWith("$2a$", StringComparison.Ordinal);

    public static bool Verify(string hash, string password)
    {
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentNullException.ThrowIfNull(password);
        if (!IsSupported(hash) || hash.Length > 512 || password.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        var data = new byte[DataSize];
        try
        {
            fixed (byte* dataPointer = data)
            {
                var result = CryptRn(password, hash, dataPointer, DataSize);
                if (result == IntPtr.Zero || Marshal.PtrToStringUTF8(result) is not { } computed || computed.StartsWith('*'))
                {
                    return false;
                }

                return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(computed), Encoding.UTF8.GetBytes(hash));
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(data);
        }
    }

    [LibraryImport(LibraryName, EntryPoint = "crypt_rn", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr CryptRn(string phrase, string setting, byte* data, int size);
}
