using System.Security.Cryptography;

namespace Latchkey.Core.Passwords;

/// <summary>
/// Cryptographically random passwords with at least one upper-case letter, lower-case letter, digit and special
/// character, from an alphabet without look-alikes (no 0/O, 1/l/I) so they can be read out over the phone.
/// </summary>
internal static class PasswordGenerator
{
    public const int DefaultLength = 20;
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";
    private const string Special = "!@#$%^&*-_=+?";

    /// <summary>
    /// A password that meets <paramref name="policy"/> for <paramref name="email"/>: at least <paramref name="length"/>
    /// characters, raised to the policy's minimum and capped at its maximum, drawn again in the rare case a draw
    /// breaks a rule (e.g. contains the user name). Twenty random characters from 69 are never on a common-password
    /// list in practice, and the validator checks the blocklist anyway when the password is set.
    /// </summary>
    public static string Generate(PasswordPolicy policy, string? email, int? length = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var size = Math.Clamp(Math.Max(length ?? DefaultLength, Math.Max(policy.MinLength, 8)), 8, Math.Min(policy.MaxLength, 128));
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var password = Generate(size);
            if (policy.FailedStaticRules(password, email).Count == 0)
            {
                return password;
            }
        }

        throw new InvalidOperationException("No password meeting the policy could be generated; check the policy's lengths.");
    }

    public static string Generate(int length = DefaultLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 8);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, 128);

        const string All = Upper + Lower + Digits + Special;
        var chars = new char[length];
        chars[0] = Pick(Upper);
        chars[1] = Pick(Lower);
        chars[2] = Pick(Digits);
        chars[3] = Pick(Special);
        for (var i = 4; i < length; i++)
        {
            chars[i] = Pick(All);
        }

        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    private static char Pick(string alphabet) => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
}
