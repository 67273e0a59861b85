namespace Latchkey.Core.Mailboxes;

/// <summary>A new app password and, this once, the password itself: it is stored only as a hash.</summary>
public sealed record CreatedAppPassword(AppPasswordView AppPassword, string Password);
