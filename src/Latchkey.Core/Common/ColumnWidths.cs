namespace Latchkey.Core.Common;

/// <summary>
/// The widths of the text columns that hold what a request brings (addresses, user agents, protocol names): the model
/// declares them with these constants, and <see cref="Fit"/> cuts a value to its column before it is stored, so a
/// hostile 10 kB user agent is stored cut, never refused by the database.
/// </summary>
internal static class ColumnWidths
{
    /// <summary>An e-mail address or login as typed (RFC 5321 allows 254; a little room for what was typed around it).</summary>
    public const int Login = 256;

    /// <summary>A client IP address in text (IPv6 with a zone id fits).</summary>
    public const int Ip = 64;

    public const int UserAgent = 512;

    /// <summary>A protocol name: web, api, imap, submission, oidc …</summary>
    public const int Protocol = 32;

    /// <summary>Dovecot's 12-bit <c>pwhash</c> in hex (3 characters) with room to spare.</summary>
    public const int PwHash = 16;

    /// <summary>A known source: a device id or the mail marker.</summary>
    public const int TrustedSource = 64;

    /// <summary>A DNS domain name (RFC 1035: 253 characters in text).</summary>
    public const int DomainName = 253;

    /// <summary>The name a person gives a passkey ("Laptop", "Security key"), at creation and on rename.</summary>
    public const int PasskeyName = 64;

    /// <summary>A hex SHA-256.</summary>
    public const int Sha256Hex = 64;

    /// <summary>An outgoing message's recipient (RFC 5321's 320-character path).</summary>
    public const int OutboxAddress = 320;

    /// <summary>An outgoing message's subject.</summary>
    public const int OutboxSubject = 256;

    /// <summary>The last delivery error kept on an outgoing message.</summary>
    public const int OutboxError = 256;

    /// <summary><paramref name="value"/>, cut to <paramref name="width"/> characters when longer.</summary>
    public static string Fit(string value, int width)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length > width ? value[..width] : value;
    }
}
