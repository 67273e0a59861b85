using Latchkey.Api.Passwords;
using Latchkey.Core.Domains;
using Latchkey.Core.Passwords;

namespace Latchkey.Api.Domains;

/// <summary>A domain's password policy: <see cref="Own"/> is false when the global one applies; the enforced rules with their texts.</summary>
public sealed record DomainPolicyView(string Domain, bool Own, PasswordPolicy Policy, IReadOnlyList<PasswordRuleView> Rules)
{
    public static DomainPolicyView From(DomainPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new DomainPolicyView(
            policy.Domain,
            policy.Own,
            policy.Policy,
            [.. policy.Policy.EnforcedRules().Select(id => new PasswordRuleView(id, PasswordRuleTexts.Describe(id, policy.Policy)))]);
    }
}
