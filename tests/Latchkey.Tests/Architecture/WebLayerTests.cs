using System.Text.RegularExpressions;

namespace Latchkey.Tests.Architecture;

/// <summary>
/// The executable's folders depend downwards only (docs/architecture.md "Web layer"): Http, then Localization, then
/// Api, Pages and Hosting side by side, then the composition root beside Program.cs. Read from the sources: a file
/// may not import, qualify or name a type of a folder it must not use (comments and string literals aside).
/// </summary>
public sealed partial class WebLayerTests
{
    private const string Root = "(root)";

    /// <summary>Each folder of src/Latchkey and the other web folders it may use (Core is open to all).</summary>
    private static readonly Dictionary<string, string[]> _allowed = new()
    {
        ["Http"] = [],
        ["Localization"] = ["Http"],
        ["Api"] = ["Http", "Localization"],
        ["Pages"] = ["Http", "Localization"],
        ["Hosting"] = ["Http", "Localization"],
        ["Cli"] = [],
    };

    [Fact]
    public void WebFolders_SourcesUseOnlyTheFoldersBelow_NoViolation()
    {
        var typesByFolder = TypeNamesByFolder();
        var source = Path.Combine(RepositoryRoot(), "src", "Latchkey");
        var violations = new List<string>();
        foreach (var (folder, allowed) in _allowed)
        {
            var forbidden = typesByFolder.Keys.Where(f => f != folder && !allowed.Contains(f)).ToList();
            foreach (var file in Directory.EnumerateFiles(Path.Combine(source, folder), "*.*", SearchOption.AllDirectories)
                         .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal)))
            {
                var code = CodeOnly(File.ReadAllText(file));
                foreach (var other in forbidden)
                {
                    var names = typesByFolder[other].Where(name => Regex.IsMatch(code, $@"(?<![\w.]){name}\b")).ToList();
                    if (other != Root && Regex.IsMatch(code, $@"\bLatchkey\.{other}\b"))
                    {
                        names.Add("Latchkey." + other);
                    }

                    if (names.Count > 0)
                    {
                        violations.Add($"{Path.GetRelativePath(source, file)} uses {other}: {string.Join(", ", names)}");
                    }
                }
            }
        }

        violations.ShouldBeEmpty();
    }

    [Fact]
    public void TypeNamesByFolder_EveryFolderOfTheRules_HasTypes()
    {
        var folders = TypeNamesByFolder();

        folders.Keys.ShouldBe([.. _allowed.Keys, Root], ignoreOrder: true);
        folders.Values.ShouldAllBe(names => names.Count > 0);
    }

    /// <summary>
    /// The top-level types of the executable by folder (first namespace part after <c>Latchkey</c>), without names
    /// another folder or Core also uses, so that a shared name is never taken for a dependency.
    /// </summary>
    private static Dictionary<string, HashSet<string>> TypeNamesByFolder()
    {
        var web = typeof(Latchkey.Pages.IndexModel).Assembly.GetTypes()
            .Where(t => !t.IsNested && t.Namespace is not null && (t.Namespace == "Latchkey" || t.Namespace.StartsWith("Latchkey.", StringComparison.Ordinal))
                && !t.Name.Contains('<', StringComparison.Ordinal) && !t.Name.Contains('`', StringComparison.Ordinal))
            .Select(t => (Folder: t.Namespace == "Latchkey" ? Root : t.Namespace!.Split('.')[1], t.Name))
            .Where(t => t.Folder == Root || _allowed.ContainsKey(t.Folder))
            .ToList();
        var core = typeof(Latchkey.Core.Common.ErrorCodes).Assembly.GetTypes().Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var shared = web.GroupBy(t => t.Name).Where(g => g.Select(t => t.Folder).Distinct().Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        return web.Where(t => !core.Contains(t.Name) && !shared.Contains(t.Name))
            .GroupBy(t => t.Folder)
            .ToDictionary(g => g.Key, g => g.Select(t => t.Name).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The source without comments, string literals and namespace declarations.</summary>
    private static string CodeOnly(string text)
    {
        text = RazorComment().Replace(text, " ");
        text = StringLiteral().Replace(text, "\"\"");
        text = LineComment().Replace(text, " ");
        return NamespaceLine().Replace(text, " ");
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

    [GeneratedRegex(@"@\*.*?\*@", RegexOptions.Singleline)]
    private static partial Regex RazorComment();

    [GeneratedRegex(@"""(?:[^""\\\n]|\\.)*""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"//.*$", RegexOptions.Multiline)]
    private static partial Regex LineComment();

    [GeneratedRegex(@"^\s*@?namespace\s+[\w.]+;?\s*$", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();
}
