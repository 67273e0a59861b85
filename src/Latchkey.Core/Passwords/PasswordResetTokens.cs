using System.Buffers.Text;
using System.Text;

namespace Latchkey.Core.Passwords;

/// <summary>
/// The token in a reset link: the account id and Identity's data-protected reset token, base64url-encoded together.
/// Identity's token expires (<see cref="PasswordResetOptions.TokenLifetime"/>) and dies with the security stamp, which
/// every password change rotates: so a link works once, and not after any other change.
/// </summary>
public static class PasswordResetTokens
{
    public const int MaxLength = 2048;

    public static string Encode(Guid accountId, string identityToken) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{accountId:N}:{identityToken}"));

    public static bool TryDecode(string? token, out Guid accountId, out string identityToken)
    {
        accountId = Guid.Empty;
        identityToken = "";
        if (string.IsNullOrEmpty(token) || token.Length > MaxLength || !Base64Url.IsValid(token))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        var separator = text.IndexOf(':', StringComparison.Ordinal);
        if (separator != 32 || !Guid.TryParseExact(text[..separator], "N", out accountId))
        {
            return false;
        }

        identityToken = text[(separator + 1)..];
        return identityToken.Length > 0;
    }
}
