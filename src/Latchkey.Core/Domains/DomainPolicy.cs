using Latchkey.Core.Passwords;

namespace Latchkey.Core.Domains;

/// <summary>The policy in force for a domain, and whether it is the domain's own or the global one.</summary>
public sealed record DomainPolicy(string Domain, PasswordPolicy Policy, bool Own);
