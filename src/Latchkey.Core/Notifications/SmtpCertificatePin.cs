using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Latchkey.Core.Notifications;

/// <summary>
/// Decides whether the SMTP server's certificate is accepted: one that validates for the host always is; one that
/// does not (self-signed, wrong name, unknown issuer) only when its SHA-256 fingerprint is the pinned one, from
/// <see cref="SmtpOptions.TrustedCertificateSha256"/> or <see cref="SmtpOptions.TrustedCertificateFile"/>.
/// </summary>
internal sealed class SmtpCertificatePin
{
    private readonly byte[][] _trusted;

    public SmtpCertificatePin(SmtpOptions options)
    {
        var trusted = new List<byte[]>();
        if (TryParseSha256(options.TrustedCertificateSha256, out var pinned))
        {
            trusted.Add(pinned);
        }

        if (!string.IsNullOrWhiteSpace(options.TrustedCertificateFile) && TryLoadPem(options.TrustedCertificateFile) is { } file)
        {
            trusted.Add(file);
        }

        _trusted = [.. trusted];
    }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null || _trusted.Length == 0)
        {
            return false;
        }

        var presented = SHA256.HashData(certificate.GetRawCertData());
        return _trusted.Any(t => CryptographicOperations.FixedTimeEquals(t, presented));
    }

    public static bool TryParseSha256(string? text, out byte[] fingerprint)
    {
        fingerprint = [];
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var hex = new string([.. text.Where(c => c is not (':' or ' '))]);
        if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        fingerprint = Convert.FromHexString(hex);
        return true;
    }

    /// <summary>The SHA-256 fingerprint of the first certificate in the PEM file, or null when it cannot be read.</summary>
    public static byte[]? TryLoadPem(string path)
    {
        try
        {
            using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(path));
            return SHA256.HashData(certificate.RawData);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            return null;
        }
    }

    public static string Format(byte[] fingerprint) => string.Join(':', fingerprint.Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
}
