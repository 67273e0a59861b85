using System.Security.Cryptography;
using System.Text;

namespace Latchkey.Core.TwoFactor;

/// <summary>
/// Recovery codes: <see cref="Count"/> per set, each 10 characters from a 32-letter alphabet without look-alikes
/// (50 bits of randomness), shown as <c>xxxxx-xxxxx</c>. Stored as SHA-256 of the account id and the code: the
/// randomness makes a slow hash unnecessary, and the account id keeps equal codes of two accounts apart.
/// </summary>
public static class RecoveryCodes
{
    public const int Count = 10;
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz023456789";
    private const int Length = 10;

    public static IReadOnlyList<string> Generate()
    {
        var codes = new List<string>(Count);
        for (var i = 0; i < Count; i++)
        {
            var chars = new char[Length];
            for (var j = 0; j < Length; j++)
            {
                chars[j] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
            }

            codes.Add(new string(chars, 0, 5) + "-" + new string(chars, 5, 5));
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
