namespace Latchkey.Core.Notifications;

/// <summary>An e-mail as a composer makes it, before it enters the outbox: one recipient, a plain-text and an HTML part.</summary>
public sealed record OutgoingEmail(string To, string Subject, string TextBody, string HtmlBody);
