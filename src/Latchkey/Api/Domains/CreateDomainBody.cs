namespace Latchkey.Api.Domains;

/// <summary>Body of <c>POST /api/v1/domains</c>.</summary>
public sealed record CreateDomainBody(string? Name);
