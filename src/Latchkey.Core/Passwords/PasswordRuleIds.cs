namespace Latchkey.Core.Passwords;

/// <summary>The rule ids shared by the API (<c>errors.newPassword</c>), the live checklist and the policy editor.</summary>
internal static class PasswordRuleIds
{
    public const string MinLength = "min_length";
    public const string MaxLength = "max_length";
    public const string RequireUpper = "require_upper";
    public const string RequireLower = "require_lower";
    public const string RequireDigit = "require_digit";
    public const string RequireSpecial = "require_special";
    public const string NotUsername = "not_username";
    public const string History = "history";
    public const string Blocklist = "blocklist";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        MinLength, MaxLength, RequireUpper, RequireLower, RequireDigit, RequireSpecial, NotUsername, History, Blocklist,
    };
}
