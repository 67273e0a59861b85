using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Latchkey.Core.Sessions;

/// <summary>Session tokens: 256 random bits, base64url in the cookie, SHA-256 in the store.</summary>
internal static class SessionTokens
{
    public const int MaxTokenLength = 64;

    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return SHA256.HashData(Encoding.ASCII.GetBytes(token));
    }

    /// <summary>Cheap shape check before any store look-up, so garbage cookies cost nothing.</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
