namespace Latchkey.Core.Passwords;

/// <summary>
/// Evaluates a password against the policy of an address without storing or logging anything: what the change
/// and reset forms show while the user types. Uses the same <see cref="PasswordRules"/> as the validator.
/// </summary>
public sealed class CheckPasswordHandler(PasswordPolicyProvider policies, PasswordRules passwordRules)
{
    /// <summary>zxcvbn is superlinear in length; past this many characters the estimate uses the prefix.</summary>
    private const int StrengthPrefix = 128;

    public async Task<PasswordCheck> HandleAsync(string password, string? email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(password);
        var policy = await policies.ForEmailAsync(email, cancellationToken);
        var failed = passwordRules.Evaluate(policy, password, email);
        var rules = policy.EnforcedRules()
            .Where(id => id != PasswordRuleIds.History)
            .Select(id => new PasswordRuleStatus(id, PasswordRuleTexts.Describe(id, policy), password.Length > 0 && !failed.Contains(id)))
            .ToList();
        var userInputs = string.IsNullOrEmpty(email) ? Array.Empty<string>() : [email, email.Split('@')[0]];
        var strength = password.Length == 0 ? null : new Zxcvbn.Zxcvbn().EvaluatePassword(password.Length > StrengthPrefix ? password[..StrengthPrefix] : password, userInputs);
        var score = failed.Contains(PasswordRuleIds.Blocklist) ? 0 : strength?.Score ?? 0;
        return new PasswordCheck(rules, failed, score, strength?.CrackTimeDisplay ?? "");
    }
}
