using System.Net;
using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Notifications;

/// <summary>
/// Queues the security team's notices (seed 002: "notify the security team or senior administrator") in the
/// caller's unit of work, one message per configured address.
/// </summary>
public sealed class SecurityTeamNotices(EmailOutbox outbox, IOptions<SecurityTeamOptions> options, TimeProvider timeProvider)
{
    /// <summary>A user changed their own password: noticed when the account holds a privileged role.</summary>
    public void PasswordChanged(Account account, AuditContext context)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (IsPrivileged(account))
        {
            Send($"Password changed: {account.Email} ({Highest(account)})", $"{account.Email}, who holds the {Highest(account)} role, changed their own password.", context);
        }
    }

    /// <summary>Someone reset another account's password: always noticed.</summary>
    public void PasswordReset(Account account, Actor actor, AuditContext context)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(actor);
        Send($"Password reset: {account.Email} ({Highest(account)}) by {actor.Email}", $"{actor.Email} reset the password of {account.Email}, who holds the {Highest(account)} role.", context);
    }

    /// <summary>The helpdesk reset an account's second factor: noticed when it holds a privileged role.</summary>
    public void SecondFactorReset(Account account, Actor actor, AuditContext context)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(actor);
        if (IsPrivileged(account))
        {
            Send($"Second factor reset: {account.Email} ({Highest(account)}) by {actor.Email}", $"{actor.Email} removed every second factor of {account.Email}, who holds the {Highest(account)} role.", context);
        }
    }

    /// <summary>An account was unlocked: noticed when it holds a privileged role.</summary>
    public void Unlocked(Account account, string actorEmail, AuditContext context)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (IsPrivileged(account))
        {
            Send($"Account unlocked: {account.Email} ({Highest(account)}) by {actorEmail}", $"{actorEmail} unlocked {account.Email}, who holds the {Highest(account)} role.", context);
        }
    }

    private static bool IsPrivileged(Account account) => AccessPolicy.HighestRole(account.Roles) >= Role.Manager;

    private static Role Highest(Account account) => AccessPolicy.HighestRole(account.Roles);

    private void Send(string subject, string what, AuditContext context)
    {
        var when = timeProvider.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        var text = $"{what}\n\nWhen: {when}\nFrom: {context.Ip ?? "unknown"}\nBrowser: {context.UserAgent ?? "unknown"}\n\n"
            + "If this was not expected, check the audit log and consider ending the account's sessions.\n";
        var html = $"<p>{WebUtility.HtmlEncode(what)}</p><ul><li>When: {WebUtility.HtmlEncode(when)}</li><li>From: {WebUtility.HtmlEncode(context.Ip ?? "unknown")}</li>"
            + $"<li>Browser: {WebUtility.HtmlEncode(context.UserAgent ?? "unknown")}</li></ul><p>If this was not expected, check the audit log and consider ending the account's sessions.</p>";
        foreach (var address in options.Value.Emails.Where(e => !string.IsNullOrWhiteSpace(e)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            outbox.Enqueue(new OutgoingEmail(address.Trim(), "[Latchkey security] " + subject, text, html));
        }
    }
}
