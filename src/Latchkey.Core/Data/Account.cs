using Microsoft.AspNetCore.Identity;

namespace Latchkey.Core.Data;

/// <summary>
/// A person or mailbox. The user name is the e-mail address; <see cref="Domain"/> is the part after '@'
/// and decides which operators and managers may act on the account.
/// </summary>
public sealed class Account : IdentityUser<Guid>
{
    public string Domain { get; set; } = "";

    /// <summary>May sign in to the web panel (the user panel, and the admin panel with a role). Default: true.</summary>
    public bool PanelAccess { get; set; } = true;

    /// <summary>Dovecot accepts IMAP and SMTP logins for it.</summary>
    public bool MailboxAccess { get; set; }

    /// <summary>A disabled account cannot sign in anywhere and has no live session.</summary>
    public bool Disabled { get; set; }

    public bool MustChangePassword { get; set; }

    public string? PreferredLanguage { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? PasswordChangedAt { get; set; }

    public List<RoleAssignment> Roles { get; set; } = [];

    /// <summary>
    /// Sign-ins made without a second factor while the domain's policy required one (its grace); reset when a factor
    /// is added. <see cref="IdentityUser{TKey}.TwoFactorEnabled"/> says whether the account has a confirmed factor.
    /// </summary>
    public int TwoFactorGraceUsed { get; set; }

    /// <summary>The domain's policy requires a second factor and the grace is used up: pages lead to set-up, the API answers 403.</summary>
    public bool TwoFactorSetupRequired { get; set; }
}
