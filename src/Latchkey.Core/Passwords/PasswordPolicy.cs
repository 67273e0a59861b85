using System.Globalization;

namespace Latchkey.Core.Passwords;

/// <summary>
/// The rules a password must meet. <see cref="Default"/> is what mail-panel users know: 8 to 128 characters with an
/// upper-case and a lower-case letter, a digit and a special character, not containing the user name, not one of
/// the last 5, not on the blocklist. <see cref="Nist80063B"/> is length 15 and the blocklist, no composition rules.
/// Lengths count user-perceived characters (grapheme clusters), so "é" typed either way counts once.
/// </summary>
public sealed record PasswordPolicy
{
    /// <summary>The longest password any policy may allow, in characters (bounded so hashing stays cheap).</summary>
    public const int LongestAllowed = 1024;

    /// <summary>The most previous passwords any policy may remember.</summary>
    public const int MaxHistory = 24;

    public const string DefaultPresetName = "default";
    public const string NistPresetName = "nist-800-63b";

    public static PasswordPolicy Default { get; } = new();

    public static PasswordPolicy Nist80063B { get; } = new()
    {
        MinLength = 15,
        RequireUpper = false,
        RequireLower = false,
        RequireDigit = false,
        RequireSpecial = false,
    };

    public static PasswordPolicy? FromPreset(string? name) => name switch
    {
        DefaultPresetName => Default,
        NistPresetName => Nist80063B,
        _ => null,
    };

    public int MinLength { get; init; } = 8;

    public int MaxLength { get; init; } = 128;

    public bool RequireUpper { get; init; } = true;

    public bool RequireLower { get; init; } = true;

    public bool RequireDigit { get; init; } = true;

    public bool RequireSpecial { get; init; } = true;

    public bool NotUsername { get; init; } = true;

    /// <summary>How many previous passwords may not be reused; 0 turns the rule off.</summary>
    public int History { get; init; } = 5;

    public bool Blocklist { get; init; } = true;

    /// <summary>The rule ids this policy enforces, in the order the checklist shows them.</summary>
    public IReadOnlyList<string> EnforcedRules()
    {
        var rules = new List<string> { PasswordRuleIds.MinLength, PasswordRuleIds.MaxLength };
        AddIf(rules, RequireUpper, PasswordRuleIds.RequireUpper);
        AddIf(rules, RequireLower, PasswordRuleIds.RequireLower);
        AddIf(rules, RequireDigit, PasswordRuleIds.RequireDigit);
        AddIf(rules, RequireSpecial, PasswordRuleIds.RequireSpecial);
        AddIf(rules, NotUsername, PasswordRuleIds.NotUsername);
        AddIf(rules, History > 0, PasswordRuleIds.History);
        AddIf(rules, Blocklist, PasswordRuleIds.Blocklist);
        return rules;
    }

    /// <summary>Problems that make the policy itself unusable (an administrator's typo), by property name.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (MinLength is < 1 or > LongestAllowed)
        {
            problems.Add($"minLength must be between 1 and {LongestAllowed}.");
        }

        if (MaxLength is < 1 or > LongestAllowed)
        {
            problems.Add($"maxLength must be between 1 and {LongestAllowed}.");
        }

        if (MinLength > MaxLength)
        {
            problems.Add("minLength must not be larger than maxLength.");
        }

        if (History is < 0 or > MaxHistory)
        {
            problems.Add($"history must be between 0 and {MaxHistory}.");
        }

        var required = (RequireUpper ? 1 : 0) + (RequireLower ? 1 : 0) + (RequireDigit ? 1 : 0) + (RequireSpecial ? 1 : 0);
        if (required > MaxLength)
        {
            problems.Add("maxLength is too short for the required character classes.");
        }

        return problems;
    }

    /// <summary>The rules that need only the password and the address (not history or the blocklist), failed ones first.</summary>
    public IReadOnlyList<string> FailedStaticRules(string password, string? email)
    {
        ArgumentNullException.ThrowIfNull(password);
        var failed = new List<string>();
        var length = new StringInfo(password).LengthInTextElements;
        if (length < MinLength)
        {
            failed.Add(PasswordRuleIds.MinLength);
        }

        if (length > MaxLength)
        {
            failed.Add(PasswordRuleIds.MaxLength);
        }

        if (RequireUpper && !password.Any(char.IsUpper))
        {
            failed.Add(PasswordRuleIds.RequireUpper);
        }

        if (RequireLower && !password.Any(char.IsLower))
        {
            failed.Add(PasswordRuleIds.RequireLower);
        }

        if (RequireDigit && !password.Any(char.IsDigit))
        {
            failed.Add(PasswordRuleIds.RequireDigit);
        }

        if (RequireSpecial && !password.Any(c => !char.IsLetterOrDigit(c) && !char.IsWhiteSpace(c) && !char.IsControl(c)))
        {
            failed.Add(PasswordRuleIds.RequireSpecial);
        }

        if (NotUsername && ContainsUserName(password, email))
        {
            failed.Add(PasswordRuleIds.NotUsername);
        }

        return failed;
    }

    private static void AddIf(List<string> rules, bool condition, string rule)
    {
        if (condition)
        {
            rules.Add(rule);
        }
    }

    private static bool ContainsUserName(string password, string? email)
    {
        if (string.IsNullOrEmpty(email))
        {
            return false;
        }

        var local = email.Split('@')[0];
        return password.Contains(email, StringComparison.OrdinalIgnoreCase)
            || (local.Length >= 3 && password.Contains(local, StringComparison.OrdinalIgnoreCase));
    }
}
