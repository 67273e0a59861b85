namespace Latchkey.Api.Accounts;

/// <summary>Body of <c>PUT /api/v1/me/language</c>: one of <c>en</c>, <c>de</c>, <c>fr</c>, <c>ru</c>.</summary>
public sealed record LanguageBody(string? Language);
