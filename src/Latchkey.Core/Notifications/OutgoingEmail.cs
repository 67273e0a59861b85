namespace Latchkey.Core.Notifications;

/// <summary>
/// An e-mail as a composer makes it, before it enters the outbox: one recipient, a plain-text and an HTML part.
/// <paramref name="CarriesSecret"/>: the bodies hold a token (a reset link), so the outbox blanks them once sent.
/// </summary>
public sealed record OutgoingEmail(string To, string Subject, string TextBody, string HtmlBody, bool CarriesSecret = false);
