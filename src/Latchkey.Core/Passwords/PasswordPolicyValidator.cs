using Latchkey.Core.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Latchkey.Core.Passwords;

/// <summary>
/// Identity's validation seam running <see cref="PasswordPolicy"/>: each failed rule is an
/// <see cref="IdentityError"/> whose <see cref="IdentityError.Code"/> is the rule id.
/// </summary>
public sealed class PasswordPolicyValidator : IPasswordValidator<Account>
{
    public Task<IdentityResult> ValidateAsync(UserManager<Account> manager, Account user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        var policy = PasswordPolicy.Default;
        var failed = policy.FailedStaticRules(password ?? "", user.Email);
        return Task.FromResult(failed.Count == 0
            ? IdentityResult.Success
            : IdentityResult.Failed([.. failed.Select(id => new IdentityError { Code = id, Description = PasswordRuleTexts.Describe(id, policy) })]));
    }
}
