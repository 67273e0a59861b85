using System.Security.Cryptography;
using System.Text;

namespace Latchkey.Core.TwoFactor;

/// <summary>
/// Recovery codes: <see cref="Count"/> per set, each 24 characters from a 32-letter alphabet without look-alikes
/// (120 bits of randomness, above the 112 bits of ASVS 5.0 6.5.2), shown as <c>xxxxxx-xxxxxx-xxxxxx-xxxxxx</c>.
/// Stored as SHA-256 of the account id and the code: with 112 bits or more ASVS allows a standard hash instead of a
/// slow salted one, and the account id keeps equal codes of two accounts apart.
/// </summary>
public static class RecoveryCodes
{
    public const int Count = 10;
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz023456789";
    private const int Groups = 4;
    private const int GroupLength = 6;

    public static IReadOnlyList<string> Generate()
    {
        var codes = new List<string>(Count);
        for (var i = 0; i < Count; i++)
        {
            var groups = new string[Groups];
            for (var g = 0; g < Groups; g++)
            {
                var chars = new char[GroupLength];
                for (var j = 0; j < GroupLength; j++)
                {
                    chars[j] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
                }

                groups[g] = new string(chars);
            }

            codes.Add(string.Join('-', groups));
        }

        return codes;
    }

    /// <summary>The stored form of <paramref name="code"/> for <paramref name="accountId"/>; case, spaces and dashes do not matter.</summary>
    public static string Hash(Guid accountId, string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var normalized = new string([.. code.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant)]);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(accountId.ToString("N") + ":" + normalized)));
    }
}
