using System.Net.Mail;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Notifications;

/// <summary>
/// Adds e-mail to the caller's unit of work, like <see cref="Audit.AuditLog"/>: nothing is saved or sent here. The
/// message commits or rolls back with the change it reports, and the dispatcher sends it only after the commit.
/// </summary>
public sealed class EmailOutbox(LatchkeyDbContext db, TimeProvider timeProvider, IOptions<SmtpOptions> smtpOptions)
{
    public const int MaxAddressLength = ColumnWidths.OutboxAddress;
    public const int MaxSubjectLength = ColumnWidths.OutboxSubject;

    /// <summary>Queues <paramref name="email"/> for delivery as soon as the caller's <c>SaveChanges</c> commits.</summary>
    /// <exception cref="ArgumentException">The recipient is not one plain address, or the subject is not one short line.</exception>
    public OutboxMessage Enqueue(OutgoingEmail email)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (email.To.Length > MaxAddressLength || !MailAddress.TryCreate(email.To, out var to) || to.Address != email.To.Trim())
        {
            throw new ArgumentException("The recipient must be one e-mail address.", nameof(email));
        }

        if (email.Subject.Length > MaxSubjectLength || email.Subject.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException($"The subject must be one line of at most {MaxSubjectLength} characters.", nameof(email));
        }

        var now = timeProvider.GetUtcNow();
        var id = Guid.NewGuid();
        var message = new OutboxMessage
        {
            CarriesSecret = email.CarriesSecret,
            Id = id,
            CreatedAt = now,
            To = to.Address,
            Subject = email.Subject,
            TextBody = email.TextBody,
            HtmlBody = email.HtmlBody,
            MessageId = $"<{id:N}@{smtpOptions.Value.SenderAddress().Domain}>",
            NextAttemptAt = now,
        };
        db.OutboxMessages.Add(message);
        return message;
    }
}
