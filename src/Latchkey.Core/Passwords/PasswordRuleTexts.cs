using System.Globalization;
using System.Resources;

namespace Latchkey.Core.Passwords;

/// <summary>
/// The sentence for each rule, as the checklist shows it, in the request's UI culture. The texts live in
/// <c>PasswordRuleTexts.resx</c> (English, the fallback) and its translations (<c>.de</c>, <c>.fr</c>, <c>.ru</c>); a new language
/// is a new <c>.resx</c> file beside them.
/// </summary>
public static class PasswordRuleTexts
{
    private static readonly ResourceManager _resources = new("Latchkey.Core.Passwords.PasswordRuleTexts", typeof(PasswordRuleTexts).Assembly);

    /// <summary>The cultures with a translation; the web host offers these to browsers.</summary>
    public static IReadOnlyList<string> Cultures => Data.Languages.Supported;

    public static string Describe(string ruleId, PasswordPolicy policy, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        culture ??= CultureInfo.CurrentUICulture;
        var template = _resources.GetString(ruleId, culture);
        if (template is null)
        {
            return ruleId;
        }

        var value = ruleId switch
        {
            PasswordRuleIds.MinLength => policy.MinLength,
            PasswordRuleIds.MaxLength => policy.MaxLength,
            PasswordRuleIds.History => policy.History,
            _ => 0,
        };
        return string.Format(culture, template, value);
    }
}
