using System.Globalization;
using System.Text.RegularExpressions;

namespace Latchkey.Core.Passwords;

/// <summary>
/// Checks an imported <c>password_hash</c> before it is stored: a hash <see cref="LatchkeyPasswordHasher"/> can verify,
/// with sane parameters, so a malformed string cannot become an account nobody can ever sign in to.
/// </summary>
internal static partial class PasswordHashFormat
{
    /// <summary>libsodium's largest Argon2id memory cost (4 TiB in KiB is out of reach anyway; this is 4 GiB).</summary>
    public const int MaxArgon2MemoryKiB = 4 * 1024 * 1024;

    /// <summary>Null when <paramref name="hash"/> is usable; else what is wrong with it.</summary>
    public static string? Problem(string hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        var phc = hash.StartsWith("{ARGON2ID}", StringComparison.Ordinal) ? hash["{ARGON2ID}".Length..] : hash;
        if (phc.StartsWith("$argon2", StringComparison.Ordinal))
        {
            return Argon2idProblem(phc);
        }

        foreach (var prefix in new[] { "{SHA512-CRYPT}", "{BLF-CRYPT}", "{CRYPT}" })
        {
            if (hash.StartsWith(prefix, StringComparison.Ordinal))
            {
                return CryptPattern().IsMatch(hash[prefix.Length..]) ? null : $"is not a valid {prefix} hash ($6$[rounds=N$]salt$86 characters, or $2y$NN$53 characters)";
            }
        }

        if (CryptPattern().IsMatch(hash))
        {
            return null;
        }

        return IsIdentityV3(hash) ? null
            : "is not a supported hash: an Argon2id PHC string ($argon2id$v=19$m=…,t=…,p=…$salt$hash), {ARGON2ID}, {SHA512-CRYPT}, {BLF-CRYPT} or an ASP.NET Core Identity v3 hash";
    }

    private static string? Argon2idProblem(string phc)
    {
        var match = Argon2idPattern().Match(phc);
        if (!match.Success)
        {
            return "is not an Argon2id PHC string ($argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>, base64 without padding)";
        }

        var memory = long.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
        var passes = long.Parse(match.Groups["t"].Value, CultureInfo.InvariantCulture);
        var lanes = long.Parse(match.Groups["p"].Value, CultureInfo.InvariantCulture);
        if (lanes is < 1 or > 255 || passes is < 1 or > 1000 || memory < 8 * lanes || memory > MaxArgon2MemoryKiB)
        {
            return $"has Argon2id parameters out of range (m={memory} KiB must be 8×p to {MaxArgon2MemoryKiB}, t={passes} must be 1 to 1000, p={lanes} must be 1 to 255)";
        }

        if (Base64Bytes(match.Groups["salt"].Value) is not >= 8 || Base64Bytes(match.Groups["hash"].Value) is not >= 16)
        {
            return "has an Argon2id salt under 8 bytes or a hash under 16 bytes, or one that is not base64";
        }

        return null;
    }

    private static int? Base64Bytes(string unpadded)
    {
        var padded = unpadded.PadRight(unpadded.Length + ((4 - (unpadded.Length % 4)) % 4), '=');
        var buffer = new byte[padded.Length];
        return unpadded.Length % 4 != 1 && Convert.TryFromBase64String(padded, buffer, out var written) ? written : null;
    }

    private static bool IsIdentityV3(string hash)
    {
        var buffer = new byte[256];
        return hash.Length is > 40 and < 340
            && Convert.TryFromBase64String(hash, buffer, out var written)
            && written > 13
            && buffer[0] == 0x01;
    }

    [GeneratedRegex(@"^\$argon2id\$v=19\$m=(?<m>[0-9]{1,10}),t=(?<t>[0-9]{1,10}),p=(?<p>[0-9]{1,3})\$(?<salt>[A-Za-z0-9+/]+)\$(?<hash>[A-Za-z0-9+/]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Argon2idPattern();

    [GeneratedRegex(@"^(\$6\$(rounds=[0-9]{4,9}\$)?[./0-9A-Za-z]{1,16}\$[./0-9A-Za-z]{86}|\$2[aby]\$[0-9]{2}\$[./0-9A-Za-z]{53})$", RegexOptions.CultureInvariant)]
    private static partial Regex CryptPattern();
}
