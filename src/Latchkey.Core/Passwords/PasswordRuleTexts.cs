namespace Latchkey.Core.Passwords;

/// <summary>The English sentence for each rule, as the checklist shows it.</summary>
public static class PasswordRuleTexts
{
    public static string Describe(string ruleId, PasswordPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return ruleId switch
        {
            PasswordRuleIds.MinLength => $"At least {policy.MinLength} characters",
            PasswordRuleIds.MaxLength => $"At most {policy.MaxLength} characters",
            PasswordRuleIds.RequireUpper => "An upper-case letter",
            PasswordRuleIds.RequireLower => "A lower-case letter",
            PasswordRuleIds.RequireDigit => "A digit",
            PasswordRuleIds.RequireSpecial => "A special character, such as ! @ # $ %",
            PasswordRuleIds.NotUsername => "Does not contain your user name",
            PasswordRuleIds.History => $"Not one of your last {policy.History} passwords",
            PasswordRuleIds.Blocklist => "Not a common or breached password",
            _ => ruleId,
        };
    }
}
