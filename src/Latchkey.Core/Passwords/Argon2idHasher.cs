using System.Security.Cryptography;
using System.Text;
using Latchkey.Core.Common;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Passwords;

/// <summary>
/// Argon2id PHC strings (<c>$argon2id$v=19$m=…,t=…,p=1$salt$hash</c>) through libsodium, every call under the
/// <see cref="PasswordHashingGate"/>. Password bytes are wiped from memory after use.
/// </summary>
public sealed class Argon2idHasher
{
    private readonly PasswordHashingGate _gate;
    private readonly ulong _opsLimit;
    private readonly nuint _memLimit;
    private readonly Lazy<string> _dummyHash;

    public Argon2idHasher(IOptions<PasswordHashingOptions> options, PasswordHashingGate gate)
    {
        ArgumentNullException.ThrowIfNull(options);
        _gate = gate;
        if (Sodium.Init() < 0)
        {
            throw new InvalidOperationException("libsodium failed to initialise.");
        }

        _opsLimit = (ulong)options.Value.Iterations;
        _memLimit = (nuint)options.Value.MemoryKiB * 1024;
        _dummyHash = new Lazy<string>(() => Hash("latchkey dummy password for unknown accounts"), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var passwordBytes = Encoding.UTF8.GetBytes(password);
        var output = new byte[Sodium.StrBytes];
        try
        {
            var status = _gate.Run(() =>
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var result = HashCore(output, passwordBytes, _opsLimit, _memLimit);
                LatchkeyMetrics.Hashed("hash", System.Diagnostics.Stopwatch.GetElapsedTime(started));
                return result;
            });

            if (status != 0)
            {
                throw new InvalidOperationException("libsodium could not hash the password (out of memory?).");
            }

            return Encoding.ASCII.GetString(output, 0, Array.IndexOf(output, (byte)0));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(passwordBytes);
        }
    }

    /// <summary>Constant-time check of <paramref name="password"/> against a PHC string; false for any malformed string.</summary>
    public bool Verify(string phc, string password) => _gate.Run(VerifyWork(phc, password));

    /// <summary>
    /// <see cref="Verify"/> without blocking the caller's thread: the check waits in <paramref name="client"/>'s share
    /// of the hashing queue.
    /// </summary>
    public Task<bool> VerifyAsync(string phc, string password, string client, CancellationToken cancellationToken = default) =>
        _gate.RunAsync(client, VerifyWork(phc, password), cancellationToken);

    /// <summary>The same work as <see cref="VerifyAsync"/> against a hash no password matches.</summary>
    public Task<bool> VerifyDummyAsync(string password, string client, CancellationToken cancellationToken = default) =>
        VerifyAsync(_dummyHash.Value, password, client, cancellationToken);

    private static Func<bool> VerifyWork(string phc, string password)
    {
        ArgumentNullException.ThrowIfNull(phc);
        ArgumentNullException.ThrowIfNull(password);
        return () =>
        {
            if (!phc.StartsWith("$argon2id$", StringComparison.Ordinal) || phc.Length >= Sodium.StrBytes)
            {
                return false;
            }

            var hashBytes = new byte[Sodium.StrBytes];
            Encoding.ASCII.GetBytes(phc, hashBytes);
            var passwordBytes = Encoding.UTF8.GetBytes(password);
            try
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var matches = VerifyCore(hashBytes, passwordBytes) == 0;
                LatchkeyMetrics.Hashed("verify", System.Diagnostics.Stopwatch.GetElapsedTime(started));
                return matches;
            }
            finally
            {
                CryptographicOperations.ZeroMemory(passwordBytes);
            }
        };
    }

    /// <summary>
    /// Spends the same work as a real check, for accounts that do not exist, so the answer time does not tell
    /// whether an address is registered.
    /// </summary>
    public void VerifyDummy(string password) => _ = Verify(_dummyHash.Value, password);

    /// <summary>True when the hash was made with other parameters than the configured ones.</summary>
    public bool NeedsRehash(string phc)
    {
        ArgumentNullException.ThrowIfNull(phc);
        if (phc.Length >= Sodium.StrBytes)
        {
            return true;
        }

        var hashBytes = new byte[Sodium.StrBytes];
        Encoding.ASCII.GetBytes(phc, hashBytes);
        return NeedsRehashCore(hashBytes, _opsLimit, _memLimit) != 0;
    }

    private static unsafe int HashCore(byte[] output, byte[] password, ulong opsLimit, nuint memLimit)
    {
        fixed (byte* outputPointer = output)
        fixed (byte* passwordPointer = password)
        {
            return Sodium.PwhashStrAlg(outputPointer, passwordPointer, (ulong)password.Length, opsLimit, memLimit, Sodium.AlgArgon2id13);
        }
    }

    private static unsafe int VerifyCore(byte[] hash, byte[] password)
    {
        fixed (byte* hashPointer = hash)
        fixed (byte* passwordPointer = password)
        {
            return Sodium.PwhashStrVerify(hashPointer, passwordPointer, (ulong)password.Length);
        }
    }

    private static unsafe int NeedsRehashCore(byte[] hash, ulong opsLimit, nuint memLimit)
    {
        fixed (byte* hashPointer = hash)
        {
            return Sodium.PwhashStrNeedsRehash(hashPointer, opsLimit, memLimit);
        }
    }
}
