namespace Latchkey.Api.Domains;

/// <summary>Answer of <c>POST /domains</c>: the normalised name.</summary>
public sealed record CreatedDomainResponse(string Name);
