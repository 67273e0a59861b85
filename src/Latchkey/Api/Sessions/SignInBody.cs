namespace Latchkey.Api.Sessions;

/// <summary>Body of <c>POST /api/v1/session</c>. <see cref="Code"/> is the second factor, when the account has one.</summary>
public sealed record SignInBody(string? Email, string? Password, string? Code);
