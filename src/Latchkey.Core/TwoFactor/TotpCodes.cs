using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using OtpNet;

namespace Latchkey.Core.TwoFactor;

/// <summary>
/// RFC 6238 time-based codes as authenticator apps make them: HMAC-SHA-1, 6 digits, 30-second steps, accepted one
/// step either side for clock skew. A code is accepted only for a step after <c>lastUsedStep</c>, so a code seen
/// once cannot be replayed within its window (RFC 6238 section 5.2).
/// </summary>
public static class TotpCodes
{
    public const int SecretBytes = 20;
    public const int Digits = 6;
    public const int StepSeconds = 30;

    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(SecretBytes);

    /// <summary>The secret in Base32 (what authenticator apps ask for), in groups of four for typing by hand.</summary>
    public static string GroupedKey(byte[] secret)
    {
        var key = Base32Encoding.ToString(secret).TrimEnd('=');
        var grouped = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            grouped.Append(i == 0 ? "" : " ").Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }

        return grouped.ToString();
    }

    /// <summary>The <c>otpauth://</c> URI the QR code carries (Google Authenticator's key URI format).</summary>
    public static string KeyUri(string issuer, string account, byte[] secret)
    {
        var label = Uri.EscapeDataString(issuer) + ":" + Uri.EscapeDataString(account);
        return string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{label}?secret={Base32Encoding.ToString(secret).TrimEnd('=')}&issuer={Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits={Digits}&period={StepSeconds}");
    }

    /// <summary>The code of <paramref name="secret"/> at <paramref name="at"/> (the tests' authenticator).</summary>
    public static string Compute(byte[] secret, DateTimeOffset at, OtpHashMode mode = OtpHashMode.Sha1, int digits = Digits) =>
        new Totp(secret, StepSeconds, mode, digits).ComputeTotp(at.UtcDateTime);

    /// <summary>
    /// The time step <paramref name="code"/> matches at <paramref name="now"/> (±1 step), if it is later than
    /// <paramref name="lastUsedStep"/>; else null. Spaces in the code are ignored; anything but 6 digits fails.
    /// </summary>
    public static long? Match(byte[] secret, string? code, DateTimeOffset now, long lastUsedStep)
    {
        var digits = Normalize(code);
        if (digits is null)
        {
            return null;
        }

        var totp = new Totp(secret, StepSeconds, OtpHashMode.Sha1, Digits);
        var current = now.ToUnixTimeSeconds() / StepSeconds;
        for (var step = current - 1; step <= current + 1; step++)
        {
            if (step <= lastUsedStep)
            {
                continue;
            }

            var expected = totp.ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * StepSeconds).UtcDateTime);
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(digits)))
            {
                return step;
            }
        }

        return null;
    }

    /// <summary>The six digits of <paramref name="code"/> without spaces, or null when it is not a TOTP code.</summary>
    public static string? Normalize(string? code)
    {
        var digits = (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        return digits.Length == Digits && digits.All(char.IsAsciiDigit) ? digits : null;
    }
}
