namespace Latchkey.Core.Domains;

public sealed record DomainSummary(string Name, int Accounts, DateTimeOffset CreatedAt);
