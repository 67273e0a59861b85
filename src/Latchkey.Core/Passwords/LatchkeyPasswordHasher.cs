using System.Text;
using Latchkey.Core.Data;
using Microsoft.AspNetCore.Identity;

namespace Latchkey.Core.Passwords;

/// <summary>
/// Identity's hashing seam. New hashes are Argon2id PHC strings of the NFKC-normalised password, the format
/// Dovecot verifies as <c>{ARGON2ID}</c>. Accepted for verification, and reported as
/// <see cref="PasswordVerificationResult.SuccessRehashNeeded"/> so Identity upgrades them at the next successful
/// sign-in: Argon2id hashes made with other parameters, <c>{ARGON2ID}</c>-prefixed strings, imported ASP.NET Core
/// Identity v3 hashes (PBKDF2), and Dovecot's <c>{SHA512-CRYPT}</c> and <c>{BLF-CRYPT}</c> (through libxcrypt, under
/// the hashing gate, as bcrypt is deliberately slow).
/// </summary>
public sealed class LatchkeyPasswordHasher(Argon2idHasher argon2id, PasswordHashingGate gate) : IPasswordHasher<Account>
{
    private const string DovecotPrefix = "{ARGON2ID}";
    private static readonly string[] _cryptPrefixes = ["{SHA512-CRYPT}", "{BLF-CRYPT}", "{CRYPT}"];
    private static readonly PasswordHasher<Account> _identityHasher = new();

    public string HashPassword(Account user, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return argon2id.Hash(Normalize(password));
    }

    public PasswordVerificationResult VerifyHashedPassword(Account user, string hashedPassword, string providedPassword) =>
        VerifyHashedPasswordAsync(user, hashedPassword, providedPassword, PasswordHashingGate.CurrentClient ?? PasswordHashingGate.InternalClient).GetAwaiter().GetResult();

    /// <summary>
    /// The same check without blocking the caller: the hashing waits in <paramref name="client"/>'s share of the
    /// <see cref="PasswordHashingGate"/> (the sign-in passes the client IP address).
    /// </summary>
    public async Task<PasswordVerificationResult> VerifyHashedPasswordAsync(
        Account user, string hashedPassword, string providedPassword, string client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hashedPassword);
        ArgumentNullException.ThrowIfNull(providedPassword);

        var phc = hashedPassword.StartsWith(DovecotPrefix, StringComparison.Ordinal)
            ? hashedPassword[DovecotPrefix.Length..]
            : hashedPassword;

        if (phc.StartsWith("$argon2id$", StringComparison.Ordinal))
        {
            if (!await argon2id.VerifyAsync(phc, Normalize(providedPassword), client, cancellationToken))
            {
                return PasswordVerificationResult.Failed;
            }

            return ReferenceEquals(phc, hashedPassword) && !argon2id.NeedsRehash(phc)
                ? PasswordVerificationResult.Success
                : PasswordVerificationResult.SuccessRehashNeeded;
        }

        var crypt = _cryptPrefixes.FirstOrDefault(p => hashedPassword.StartsWith(p, StringComparison.Ordinal)) is { } prefix
            ? hashedPassword[prefix.Length..]
            : hashedPassword;
        if (CryptHashes.IsSupported(crypt))
        {
            return await gate.RunAsync(client, () => CryptHashes.Verify(crypt, providedPassword), cancellationToken)
                ? PasswordVerificationResult.SuccessRehashNeeded
                : PasswordVerificationResult.Failed;
        }

        if (IsIdentityV3(hashedPassword))
        {
            return _identityHasher.VerifyHashedPassword(user, hashedPassword, providedPassword) == PasswordVerificationResult.Failed
                ? PasswordVerificationResult.Failed
                : PasswordVerificationResult.SuccessRehashNeeded;
        }

        return PasswordVerificationResult.Failed;
    }

    /// <summary>NFKC, so the same password typed on different keyboards or input methods hashes the same.</summary>
    public static string Normalize(string password) =>
        password.IsNormalized(NormalizationForm.FormKC) ? password : password.Normalize(NormalizationForm.FormKC);

    private static bool IsIdentityV3(string hash)
    {
        Span<byte> buffer = stackalloc byte[256];
        return hash.Length is > 40 and < 340
            && Convert.TryFromBase64String(hash, buffer, out var written)
            && written > 13
            && buffer[0] == 0x01;
    }
}
