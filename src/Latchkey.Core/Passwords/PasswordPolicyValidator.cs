using Latchkey.Core.Data;
using Microsoft.AspNetCore.Identity;

namespace Latchkey.Core.Passwords;

/// <summary>
/// Identity's validation seam running the policy in force for the account's domain: each failed rule is an
/// <see cref="IdentityError"/> whose <see cref="IdentityError.Code"/> is the rule id. The history rule costs one
/// Argon2id verification per remembered password, so it runs only when every cheaper rule passed.
/// </summary>
internal sealed class PasswordPolicyValidator(PasswordPolicyProvider policies, PasswordRules rules, PasswordHistory history) : IPasswordValidator<Account>
{
    public async Task<IdentityResult> ValidateAsync(UserManager<Account> manager, Account user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        var policy = await policies.ForDomainAsync(user.Domain);
        var failed = rules.Evaluate(policy, password ?? "", user.Email).ToList();
        if (failed.Count == 0 && policy.History > 0 && await history.IsReusedAsync(user, password ?? "", policy.History))
        {
            failed.Add(PasswordRuleIds.History);
        }

        return failed.Count == 0
            ? IdentityResult.Success
            : IdentityResult.Failed([.. failed.Select(id => new IdentityError { Code = id, Description = PasswordRuleTexts.Describe(id, policy) })]);
    }
}
