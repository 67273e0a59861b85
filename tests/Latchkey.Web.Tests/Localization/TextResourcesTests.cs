using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Latchkey.Core.Notifications;

namespace Latchkey.Web.Tests.Localization;

/// <summary>
/// Every text the panel shows exists, non-empty, in every language: each <c>T["…"]</c> key written in a page or in
/// code, each sentence a Core refusal carries to a page, and each name of the e-mail and rule-text resource sets.
/// </summary>
public sealed partial class TextResourcesTests
{
    private static readonly ResourceManager _text = new("Latchkey.Localization.Text", typeof(Program).Assembly);

    public static TheoryData<string> Languages => [.. Core.Data.Languages.Supported];

    [Theory]
    [MemberData(nameof(Languages))]
    public void EveryKeyUsedInPagesAndCode_IsTranslated(string language)
    {
        var keys = UsedKeys();
        keys.Count.ShouldBeGreaterThan(200);

        var missing = Missing(_text, language, keys);

        missing.ShouldBeEmpty($"{language} lacks: {string.Join(" | ", missing)}");
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void EveryFixedRefusalSentenceOfCore_IsTranslated(string language)
    {
        var sentences = CoreRefusals();
        sentences.Count.ShouldBeGreaterThan(15);

        var missing = Missing(_text, language, sentences);

        missing.ShouldBeEmpty($"{language} lacks: {string.Join(" | ", missing)}");
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void EmailAndRuleTexts_HaveEveryNameInEveryLanguage(string language)
    {
        foreach (var resources in new[] { EmailTexts.Resources, new ResourceManager("Latchkey.Core.Passwords.PasswordRuleTexts", typeof(EmailTexts).Assembly) })
        {
            var names = Names(resources, CultureInfo.InvariantCulture);
            names.Count.ShouldBeGreaterThan(5);

            var missing = Missing(resources, language, names);

            missing.ShouldBeEmpty($"{resources.BaseName} in {language} lacks: {string.Join(", ", missing)}");
        }
    }

    [Fact]
    public void Translations_KeepEveryPlaceholderOfTheEnglishText()
    {
        var wrong = new List<string>();
        foreach (var key in UsedKeys())
        {
            var expected = Placeholder().Matches(key).Select(m => m.Value).Order().ToArray();
            foreach (var language in Core.Data.Languages.Supported)
            {
                var translated = Set(_text, language)?.GetValueOrDefault(key) as string ?? "";
                if (!Placeholder().Matches(translated).Select(m => m.Value).Order().SequenceEqual(expected))
                {
                    wrong.Add($"{language}: {key}");
                }
            }
        }

        wrong.ShouldBeEmpty();
    }

    [Fact]
    public void AMissingTranslation_IsReported()
    {
        Missing(_text, "de", ["A key no page will ever use"]).ShouldBe(["A key no page will ever use"]);
    }

    private static List<string> Missing(ResourceManager resources, string language, IEnumerable<string> keys)
    {
        var set = Set(resources, language);
        return [.. keys.Where(k => set is null || !set.TryGetValue(k, out var found) || found is not string value || string.IsNullOrWhiteSpace(value))];
    }

    /// <summary>The language's own resource set only: no fallback to English hides a missing text.</summary>
    private static Dictionary<string, object?>? Set(ResourceManager resources, string language)
    {
        var culture = language == "en" ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(language);
        var set = resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        return set?.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => e.Value);
    }

    private static List<string> Names(ResourceManager resources, CultureInfo culture) => [.. Set(resources, culture.Name.Length == 0 ? "en" : culture.Name)!.Keys];

    private static List<string> UsedKeys()
    {
        var root = Path.Combine(RepositoryRoot(), "src", "Latchkey");
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal)) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            foreach (Match match in KeyUse().Matches(File.ReadAllText(file)))
            {
                keys.Add(Regex.Unescape(match.Groups[1].Value));
            }
        }

        return [.. keys];
    }

    /// <summary>Fixed sentences of Core's refusals (<c>Failure.Field(code, field, "…"[, values])</c>, <c>Failure.Of(code, "…", values)</c>, <c>new Failure(code, "…")</c>, <c>Fail(code, "…")</c>).</summary>
    private static List<string> CoreRefusals()
    {
        var root = Path.Combine(RepositoryRoot(), "src", "Latchkey.Core");
        var sentences = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            foreach (Match match in Refusal().Matches(File.ReadAllText(file)))
            {
                sentences.Add(Regex.Unescape(match.Groups[1].Value));
            }
        }

        return [.. sentences];
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Latchkey.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Latchkey.slnx not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("""\b(?:T|text)\["((?:[^"\\]|\\.)*)"[\],]""")]
    private static partial Regex KeyUse();

    [GeneratedRegex("""(?:Failure\.Field\([^,()]+, [^,()]+, |new Failure\([^,()]+, |Fail\([^,()]+, |Failure\.Of\([^,()]+, )"((?:[^"\\]|\\.)*)"[,)]""")]
    private static partial Regex Refusal();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
