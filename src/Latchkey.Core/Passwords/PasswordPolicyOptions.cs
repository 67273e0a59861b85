using System.ComponentModel.DataAnnotations;

namespace Latchkey.Core.Passwords;

/// <summary>
/// <c>Latchkey:Passwords:Policy</c>: the global policy, used by every domain that has none of its own.
/// <see cref="Preset"/> is <c>default</c> (8–128 characters, upper, lower, digit, special, not the user name, not
/// the last 5, not blocklisted) or <c>nist-800-63b</c> (length 15, blocklist, no composition rules); each other
/// property, when set, overrides the preset's value.
/// </summary>
public sealed class PasswordPolicyOptions
{
    public const string SectionName = "Latchkey:Passwords:Policy";

    [RegularExpression("^(default|nist-800-63b)$")]
    public string Preset { get; set; } = "default";

    [Range(1, PasswordPolicy.LongestAllowed)]
    public int? MinLength { get; set; }

    [Range(1, PasswordPolicy.LongestAllowed)]
    public int? MaxLength { get; set; }

    public bool? RequireUpper { get; set; }

    public bool? RequireLower { get; set; }

    public bool? RequireDigit { get; set; }

    public bool? RequireSpecial { get; set; }

    public bool? NotUsername { get; set; }

    [Range(0, PasswordPolicy.MaxHistory)]
    public int? History { get; set; }

    public bool? Blocklist { get; set; }

    public PasswordPolicy Resolve()
    {
        var preset = PasswordPolicy.FromPreset(Preset) ?? PasswordPolicy.Default;
        return preset with
        {
            MinLength = MinLength ?? preset.MinLength,
            MaxLength = MaxLength ?? preset.MaxLength,
            RequireUpper = RequireUpper ?? preset.RequireUpper,
            RequireLower = RequireLower ?? preset.RequireLower,
            RequireDigit = RequireDigit ?? preset.RequireDigit,
            RequireSpecial = RequireSpecial ?? preset.RequireSpecial,
            NotUsername = NotUsername ?? preset.NotUsername,
            History = History ?? preset.History,
            Blocklist = Blocklist ?? preset.Blocklist,
        };
    }
}
