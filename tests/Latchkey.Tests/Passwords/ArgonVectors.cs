namespace Latchkey.Tests.Passwords;

/// <summary>Hashes made outside Latchkey, kept verbatim.</summary>
internal static class ArgonVectors
{
    /// <summary>Python ctypes → libsodium crypto_pwhash_str_alg(t=1, m=1 MiB, Argon2id) of "Secret-1", 2026-11-23.</summary>
    public const string PythonLibsodiumSecret1 = "$argon2id$v=19$m=1024,t=1,p=1$3Vhqq6QlOOb6r7k1gXBkBA$d6hY/U0ieJVRa7gpdNAHpB0e1zV8w9EhfUeamQwtmws";
}
