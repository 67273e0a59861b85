using Latchkey.Core.Passwords;

namespace Latchkey.Api.Passwords;

/// <summary>The policy as <c>GET /api/v1/password-policy</c> answers it: the settings, and the rules with ids and texts.</summary>
public sealed record PasswordPolicyView(PasswordPolicy Policy, IReadOnlyList<PasswordRuleView> Rules)
{
    public static PasswordPolicyView From(PasswordPolicy policy) =>
        new(policy, [.. policy.EnforcedRules().Select(id => new PasswordRuleView(id, PasswordRuleTexts.Describe(id, policy)))]);
}
