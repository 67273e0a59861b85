using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Latchkey.Core.Tokens;

/// <summary>Token strings: <c>lk_</c> and 32 random bytes in base64url (46 characters); SHA-256 in the store.</summary>
internal static class ApiTokenSecrets
{
    public const string Prefix = "lk_";

    public const int Length = 46;

    public static string NewToken() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return SHA256.HashData(Encoding.ASCII.GetBytes(token));
    }

    /// <summary>Cheap shape check before any look-up, so garbage headers cost nothing.</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: Length } && token.StartsWith(Prefix, StringComparison.Ordinal)
        && token.AsSpan(Prefix.Length).ContainsAnyExcept(_base64UrlAlphabet) is false;

    private static readonly System.Buffers.SearchValues<char> _base64UrlAlphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
}
