namespace Latchkey.Tests.Architecture;

/// <summary>
/// STYLE 16: the folders of Latchkey.Core depend downwards only, in <see cref="FolderOrder.BottomToTop"/>. A failure
/// lists each file, its folder, the higher folder it uses and the symbol it uses there.
/// </summary>
public sealed class FolderOrderTests
{
    [Fact]
    public void CoreFolders_UseOnlyLowerFolders()
    {
        var violations = FolderDependencyWalk.Violations(CoreSources(), FolderOrder.BottomToTop);

        violations.ShouldBeEmpty("Lower folders use higher ones:\n" + string.Join('\n', violations));
    }

    [Fact]
    public void Order_NamesEveryCoreFolderOnce()
    {
        var folders = Directory.GetDirectories(CoreDirectory())
            .Select(Path.GetFileName)
            .Where(name => name is not ("bin" or "obj"))
            .Order(StringComparer.Ordinal);

        FolderOrder.BottomToTop.Order(StringComparer.Ordinal).ShouldBe(folders!);
    }

    [Fact]
    public void Walk_LowerFolderUsesHigher_ReportsFileFolderAndSymbol()
    {
        var sources = new[]
        {
            ("Common/Low.cs", "namespace Latchkey.Core.Common; public static class Low { public static int Value => Latchkey.Core.Data.High.Limit + 1; }"),
            ("Data/High.cs", "namespace Latchkey.Core.Data; public static class High { public const int Limit = 3; public static int Twice => Common.Low.Value * 2; }"),
        };

        var violations = FolderDependencyWalk.Violations(sources, ["Common", "Data"]);

        violations.ShouldHaveSingleItem().ToString().ShouldBe("Common/Low.cs: Common -> Data (Latchkey.Core.Data.High)");
    }

    private static IEnumerable<(string Path, string Text)> CoreSources()
    {
        var core = CoreDirectory();
        return Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(core, path).Replace('\\', '/'))
            .Where(path => !path.StartsWith("bin/", StringComparison.Ordinal) && !path.StartsWith("obj/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(path => (path, File.ReadAllText(Path.Combine(core, path))));
    }

    private static string CoreDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Latchkey.slnx")))
            {
                return Path.Combine(directory.FullName, "src", "Latchkey.Core");
            }
        }

        throw new InvalidOperationException("Latchkey.slnx not found above " + AppContext.BaseDirectory);
    }
}
