namespace Latchkey.Core.Data;

/// <summary>A domain whose addresses Latchkey manages, e.g. <c>example.com</c>.</summary>
public sealed class MailDomain
{
    /// <summary>Lower-case, IDNA ASCII form.</summary>
    public string Name { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The domain's own password policy as JSON (<c>PasswordPolicy</c>), or null for the global one.</summary>
    public string? PasswordPolicy { get; set; }

    /// <summary>Who must have a second factor: <c>nobody</c> (default), <c>privileged</c> or <c>everyone</c>.</summary>
    public string TwoFactorRequirement { get; set; } = "nobody";

    /// <summary>Sign-ins allowed without the required second factor before set-up is forced (default 0).</summary>
    public int TwoFactorGraceSignIns { get; set; }

    /// <summary>With a second factor, the main password no longer opens IMAP/SMTP: only app passwords do (default on).</summary>
    public bool MailNeedsAppPassword { get; set; } = true;
}
