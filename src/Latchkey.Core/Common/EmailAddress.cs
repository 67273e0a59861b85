using System.Globalization;

namespace Latchkey.Core.Common;

/// <summary>
/// Parses the addresses that are user names. Stored lower-case, with the domain in IDNA ASCII form, so
/// <c>Jane@Exämple.com</c> and <c>jane@xn--exmple-cua.com</c> are the same account.
/// </summary>
internal static class EmailAddress
{
    public const int MaxLength = 254;

    public static bool TryNormalize(string? input, out string email, out string domain)
    {
        email = "";
        domain = "";
        var trimmed = input?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxLength)
        {
            return false;
        }

        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at > 64 || at == trimmed.Length - 1)
        {
            return false;
        }

        var local = trimmed[..at];
        if (local.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '@' or '<' or '>' or '(' or ')' or ',' or ';' or ':' or '\\' or '"' or '[' or ']')
            || local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        if (!TryNormalizeDomain(trimmed[(at + 1)..], out domain))
        {
            return false;
        }

        email = $"{local.ToLowerInvariant()}@{domain}";
        return email.Length <= MaxLength;
    }

    public static bool TryNormalizeDomain(string? input, out string domain)
    {
        domain = "";
        var trimmed = input?.Trim().TrimEnd('.');
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 253)
        {
            return false;
        }

        string ascii;
        try
        {
            ascii = new IdnMapping().GetAscii(trimmed).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return false;
        }

        var labels = ascii.Split('.');
        if (labels.Length < 2 || labels.Any(label =>
                label.Length is 0 or > 63 || label.StartsWith('-') || label.EndsWith('-')
                || !label.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')))
        {
            return false;
        }

        domain = ascii;
        return true;
    }
}
