namespace Latchkey.Api.Mailboxes;

/// <summary>Answer of <c>POST /me/app-passwords</c>: the new app password, its secret in this answer only.</summary>
public sealed record CreatedAppPasswordResponse(Guid Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, string Password);
