using System.ComponentModel.DataAnnotations;
using System.Net.Mail;

namespace Latchkey.Core.Notifications;

/// <summary>
/// <c>Latchkey:Smtp</c>: the server that delivers Latchkey's e-mail. Without <see cref="Host"/> (the default) nothing
/// is sent over the network: every message is written as an <c>.eml</c> file to <c>&lt;DataDirectory&gt;/mail-outbox/</c>.
/// With a host: <see cref="Port"/> defaults to 587, <see cref="StartTls"/> to on, <see cref="From"/> is required,
/// <see cref="UserName"/> and <see cref="Password"/> (SMTP AUTH) are set together or not at all, and one message may take
/// <see cref="Timeout"/> (default 30 s) before the attempt counts as failed and is retried later.
/// </summary>
public sealed class SmtpOptions : IValidatableObject
{
    public const string SectionName = "Latchkey:Smtp";

    /// <summary>The <c>From</c> of messages written as files while no SMTP host is configured.</summary>
    public const string PickupFrom = "Latchkey <latchkey@localhost>";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>
    /// Upgrade the connection with STARTTLS and refuse to send without it. Default: on. Turn it off only for a relay
    /// on the same machine. Implicit TLS (port 465) is not supported by the client; use 587.
    /// </summary>
    public bool StartTls { get; set; } = true;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, an address or <c>Display Name &lt;address&gt;</c>. Required when <see cref="Host"/> is set.</summary>
    public string? From { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    /// <summary>The sender used on every message: <see cref="From"/>, or <see cref="PickupFrom"/> when unset.</summary>
    public MailAddress SenderAddress() => new(string.IsNullOrWhiteSpace(From) ? PickupFrom : From);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IsConfigured && string.IsNullOrWhiteSpace(From))
        {
            yield return new ValidationResult("Latchkey:Smtp:From is required when Latchkey:Smtp:Host is set.", [nameof(From)]);
        }

        if (!string.IsNullOrWhiteSpace(From) && !MailAddress.TryCreate(From, out _))
        {
            yield return new ValidationResult("Latchkey:Smtp:From is not an e-mail address.", [nameof(From)]);
        }

        if (string.IsNullOrEmpty(UserName) != string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("Latchkey:Smtp:UserName and Latchkey:Smtp:Password are set together or not at all.", [nameof(UserName)]);
        }
    }
}
