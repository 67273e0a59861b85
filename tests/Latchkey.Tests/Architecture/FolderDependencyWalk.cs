using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Latchkey.Tests.Architecture;

/// <summary>
/// A Roslyn semantic walk over C# sources of Latchkey.Core: every name in code (types, members, extension methods,
/// constants, attributes, base types; not the documentation comments) is bound, and the folder of the namespace that
/// declares it is compared with the folder of the file that uses it. Files at the project's root (the composition
/// root, <c>AddLatchkeyCore</c>) may use every folder.
/// </summary>
internal static class FolderDependencyWalk
{
    private const string Prefix = "Latchkey.Core.";

    /// <summary>One use of a higher folder: the file, its folder, the folder used and the symbol that was used.</summary>
    public sealed record Violation(string File, string From, string To, string Symbol)
    {
        public override string ToString() => $"{File}: {From} -> {To} ({Symbol})";
    }

    /// <summary>Every use, in <paramref name="sources"/> (path relative to the project, text), of a folder above the user's.</summary>
    public static IReadOnlyList<Violation> Violations(IEnumerable<(string Path, string Text)> sources, IReadOnlyList<string> bottomToTop)
    {
        var parse = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Preview);
        var trees = sources.Select(source => CSharpSyntaxTree.ParseText(source.Text, parse, source.Path)).ToList();
        trees.Add(CSharpSyntaxTree.ParseText(ImplicitUsings, parse, "ImplicitUsings.g.cs"));
        var compilation = CSharpCompilation.Create(
            "FolderWalk",
            trees,
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));

        var rank = bottomToTop.Select((folder, index) => (folder, index)).ToDictionary(x => x.folder, x => x.index, StringComparer.Ordinal);
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var violations = new List<Violation>();
        foreach (var tree in trees.Where(t => t.FilePath.Contains('/', StringComparison.Ordinal)))
        {
            var from = tree.FilePath[..tree.FilePath.IndexOf('/', StringComparison.Ordinal)];
            if (!rank.TryGetValue(from, out var fromRank))
            {
                violations.Add(new Violation(tree.FilePath, from, "?", "the folder is not in the order"));
                continue;
            }

            var model = compilation.GetSemanticModel(tree);
            foreach (var name in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
            {
                var to = FolderOf(model, name);
                if (to is null || !rank.TryGetValue(to.Value.Folder, out var toRank) || toRank <= fromRank)
                {
                    continue;
                }

                var violation = new Violation(tree.FilePath, from, to.Value.Folder, to.Value.Symbol);
                if (found.Add(violation.ToString()))
                {
                    violations.Add(violation);
                }
            }
        }

        return violations;
    }

    /// <summary>The Core folder that declares what <paramref name="name"/> binds to, or null (namespaces, outside Core).</summary>
    private static (string Folder, string Symbol)? FolderOf(SemanticModel model, SimpleNameSyntax name)
    {
        var info = model.GetSymbolInfo(name);
        var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
        var type = symbol switch
        {
            null or INamespaceSymbol => null,
            IArrayTypeSymbol array => array.ElementType,
            ITypeSymbol t => t,
            IMethodSymbol { ReducedFrom: { } extension } => extension.ContainingType,
            _ => symbol.ContainingType,
        };
        while (type?.ContainingType is { } outer)
        {
            type = outer;
        }

        var ns = type?.ContainingNamespace?.ToDisplayString();
        if (ns is null || !ns.StartsWith(Prefix, StringComparison.Ordinal) || type!.Locations.All(l => !l.IsInSource))
        {
            return null;
        }

        var rest = ns[Prefix.Length..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return (dot < 0 ? rest : rest[..dot], type.ToDisplayString());
    }

    /// <summary>The framework and every assembly beside the tests except Core itself, whose sources are compiled.</summary>
    private static List<MetadataReference> References()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var local = Directory.GetFiles(AppContext.BaseDirectory, "*.dll");
        return [.. platform.Concat(local)
            .Where(path => !Path.GetFileName(path).StartsWith("Latchkey", StringComparison.OrdinalIgnoreCase)
                && !Path.GetFileName(path).Equals("latchkey.dll", StringComparison.OrdinalIgnoreCase))
            .DistinctBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    }

    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;
}
