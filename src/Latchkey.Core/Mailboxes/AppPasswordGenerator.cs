using System.Security.Cryptography;
using System.Text;

namespace Latchkey.Core.Mailboxes;

/// <summary>
/// App passwords: 20 random characters in five groups (<c>abcd-efgh-jkmn-pqrs-tuvw</c>, about 99 bits), lower-case
/// letters and digits without look-alikes, easy to type on a phone.
/// </summary>
internal static class AppPasswordGenerator
{
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
    private const int Groups = 5;
    private const int GroupLength = 4;

    public static string Generate()
    {
        var builder = new StringBuilder(Groups * (GroupLength + 1));
        for (var group = 0; group < Groups; group++)
        {
            if (group > 0)
            {
                builder.Append('-');
            }

            for (var i = 0; i < GroupLength; i++)
            {
                builder.Append(Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]);
            }
        }

        return builder.ToString();
    }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 bytes: exactly what Dovecot's <c>%{sha256:password}</c> gives.</summary>
    public static string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(password)));
    }
}
