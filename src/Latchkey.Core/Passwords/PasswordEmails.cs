using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Latchkey.Core.Notifications;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Passwords;

/// <summary>
/// The two e-mails the password feature sends a user, queued in the outbox inside the caller's transaction (sent once
/// it commits): the forgot-password link and the "your password was changed" notice. Both point at
/// <see cref="LatchkeyOptions.PublicUrl"/> and are written in the account's language. The link is never logged.
/// </summary>
public sealed class PasswordEmails(EmailOutbox outbox, IOptions<LatchkeyOptions> options, IOptions<PasswordResetOptions> resetOptions)
{
    /// <summary>Queues the reset link for <paramref name="token"/>, valid for <see cref="PasswordResetOptions.TokenLifetime"/>.</summary>
    public void QueueResetLink(Account account, string email, string token, AuditContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var link = $"{options.Value.PublicUrl.TrimEnd('/')}/reset-password?token={Uri.EscapeDataString(token)}";
        outbox.Enqueue(PasswordResetEmail.Create(email, link, resetOptions.Value.TokenLifetime, context.Ip ?? "unknown", Languages.CultureOf(account)));
    }

    /// <summary>Queues the notice that the password of <paramref name="account"/> changed at <paramref name="changedAt"/>; nothing for an account without an address.</summary>
    public void QueueChanged(Account account, DateTimeOffset changedAt, AuditContext context)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(context);
        if (!string.IsNullOrEmpty(account.Email))
        {
            outbox.Enqueue(PasswordChangedEmail.Create(account.Email, changedAt, context.Ip ?? "unknown", context.UserAgent ?? "", options.Value.PublicUrl, Languages.CultureOf(account)));
        }
    }
}
