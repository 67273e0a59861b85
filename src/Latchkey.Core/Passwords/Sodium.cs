using System.Runtime.InteropServices;

namespace Latchkey.Core.Passwords;

/// <summary>
/// The few libsodium calls Latchkey needs, from the system library (Debian package <c>libsodium23</c>).
/// libsodium's Argon2id always uses one lane (p = 1) and writes the PHC string Dovecot reads as <c>{ARGON2ID}</c>.
/// </summary>
internal static unsafe partial class Sodium
{
    public const string LibraryName = "libsodium.so.23";
    public const int StrBytes = 128;
    public const int AlgArgon2id13 = 2;

    [LibraryImport(LibraryName, EntryPoint = "sodium_init")]
    public static partial int Init();

    [LibraryImport(LibraryName, EntryPoint = "crypto_pwhash_str_alg")]
    public static partial int PwhashStrAlg(byte* output, byte* password, ulong passwordLength, ulong opsLimit, nuint memLimit, int algorithm);

    [LibraryImport(LibraryName, EntryPoint = "crypto_pwhash_str_verify")]
    public static partial int PwhashStrVerify(byte* hash, byte* password, ulong passwordLength);

    [LibraryImport(LibraryName, EntryPoint = "crypto_pwhash_str_needs_rehash")]
    public static partial int PwhashStrNeedsRehash(byte* hash, ulong opsLimit, nuint memLimit);

    /// <summary>True when the library can be loaded; <paramref name="libraryName"/> exists for the start-up check's test.</summary>
    public static bool IsAvailable(string libraryName = LibraryName)
    {
        if (!NativeLibrary.TryLoad(libraryName, out var handle))
        {
            return false;
        }

        NativeLibrary.Free(handle);
        return true;
    }

    /// <summary>The one line printed when libsodium is missing.</summary>
    public static string MissingMessage(string libraryName = LibraryName) =>
        $"latchkey: cannot load {libraryName} (Argon2id password hashing). Install it: apt-get install -y libsodium23";
}
