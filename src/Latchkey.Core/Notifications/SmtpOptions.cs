using System.ComponentModel.DataAnnotations;
using System.Net;
using MimeKit;

namespace Latchkey.Core.Notifications;

/// <summary>
/// <c>Latchkey:Smtp</c>: the server that delivers Latchkey's e-mail. Without <see cref="Host"/> (the default) nothing
/// is sent over the network: every message is written as an <c>.eml</c> file to <c>&lt;DataDirectory&gt;/mail-outbox/</c>.
/// With a host: <see cref="Security"/> defaults to STARTTLS, <see cref="Port"/> to 587 (465 with implicit TLS),
/// <see cref="From"/> is required, <see cref="UserName"/> and <see cref="Password"/> (SMTP AUTH) are set together or
/// not at all and never sent in clear to another machine, and one message may take <see cref="Timeout"/> (default
/// 30 s) before the attempt counts as failed and is retried later. The server's certificate must be valid for
/// <see cref="Host"/>, unless it is the one certificate named by <see cref="TrustedCertificateSha256"/> or
/// <see cref="TrustedCertificateFile"/> (a self-signed relay).
/// </summary>
public sealed class SmtpOptions : IValidatableObject
{
    public const string SectionName = "Latchkey:Smtp";

    /// <summary>The <c>From</c> of messages written as files while no SMTP host is configured.</summary>
    public const string PickupFrom = "Latchkey <latchkey@localhost>";

    public string? Host { get; set; }

    /// <summary>Default: 587, or 465 when <see cref="Security"/> is <see cref="SmtpSecurity.Tls"/>.</summary>
    [Range(1, 65535)]
    public int? Port { get; set; }

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, an address or <c>Display Name &lt;address&gt;</c>. Required when <see cref="Host"/> is set.</summary>
    public string? From { get; set; }

    /// <summary>
    /// The SHA-256 fingerprint of the one certificate to accept even though it does not validate (hex, colons and
    /// spaces ignored: the output of <c>openssl x509 -noout -fingerprint -sha256</c>).
    /// </summary>
    public string? TrustedCertificateSha256 { get; set; }

    /// <summary>A PEM file holding the one certificate to accept even though it does not validate.</summary>
    public string? TrustedCertificateFile { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public int EffectivePort => Port ?? (Security == SmtpSecurity.Tls ? 465 : 587);

    /// <summary>The sender used on every message: <see cref="From"/>, or <see cref="PickupFrom"/> when unset.</summary>
    public MailboxAddress SenderAddress() => MailboxAddress.Parse(string.IsNullOrWhiteSpace(From) ? PickupFrom : From);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IsConfigured && string.IsNullOrWhiteSpace(From))
        {
            yield return new ValidationResult("Latchkey:Smtp:From is required when Latchkey:Smtp:Host is set.", [nameof(From)]);
        }

        if (!string.IsNullOrWhiteSpace(From) && (!MailboxAddress.TryParse(From, out var sender) || !sender.Address.Contains('@', StringComparison.Ordinal)))
        {
            yield return new ValidationResult("Latchkey:Smtp:From is not an e-mail address.", [nameof(From)]);
        }

        if (string.IsNullOrEmpty(UserName) != string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("Latchkey:Smtp:UserName and Latchkey:Smtp:Password are set together or not at all.", [nameof(UserName)]);
        }

        if (Security == SmtpSecurity.None && !string.IsNullOrEmpty(UserName) && IsConfigured && !IsLoopback(Host!))
        {
            yield return new ValidationResult("Latchkey:Smtp:Security None would send the SMTP password in clear to another machine; use StartTls or Tls.", [nameof(Security)]);
        }

        if (!string.IsNullOrWhiteSpace(TrustedCertificateSha256) && !SmtpCertificatePin.TryParseSha256(TrustedCertificateSha256, out _))
        {
            yield return new ValidationResult("Latchkey:Smtp:TrustedCertificateSha256 is not a SHA-256 fingerprint (64 hex digits).", [nameof(TrustedCertificateSha256)]);
        }

        if (!string.IsNullOrWhiteSpace(TrustedCertificateFile) && SmtpCertificatePin.TryLoadPem(TrustedCertificateFile) is null)
        {
            yield return new ValidationResult("Latchkey:Smtp:TrustedCertificateFile is not a readable PEM certificate.", [nameof(TrustedCertificateFile)]);
        }
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}
