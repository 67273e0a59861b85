namespace Latchkey.Api.Mailboxes;

/// <summary>Body of <c>POST /api/v1/me/app-passwords</c>: the device or app the password is for.</summary>
public sealed record CreateAppPasswordBody(string? Name);
