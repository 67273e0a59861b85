using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Latchkey.Core.Common;

/// <summary>
/// Finds keys under <c>Latchkey:</c> that no options class reads, so a typo such as <c>Latchkey:Smtp:Hots</c> is
/// reported instead of silently ignored. The known keys come from reflection over every type with a
/// <c>const string SectionName</c> starting with <c>Latchkey</c> in the given assemblies: a feature that adds an
/// options class is covered without touching this list. Lists and dictionaries accept any child key.
/// </summary>
public static class ConfigurationKeys
{
    public const string Root = "Latchkey";

    /// <summary>The full paths of the configured keys under <see cref="Root"/> that no options class binds.</summary>
    public static IReadOnlyList<string> Unknown(IConfiguration configuration, params Assembly[] assemblies)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var root = new Node();
        foreach (var type in assemblies.Distinct().SelectMany(SafeTypes))
        {
            if (type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field
                && field.GetRawConstantValue() is string section
                && (section == Root || section.StartsWith(Root + ":", StringComparison.OrdinalIgnoreCase)))
            {
                var node = root;
                foreach (var part in section.Split(':').Skip(1))
                {
                    node = node.Child(part);
                }

                node.AddProperties(type, depth: 0);
            }
        }

        var unknown = new List<string>();
        Walk(configuration.GetSection(Root), root, unknown);
        return unknown;
    }

    private static void Walk(IConfigurationSection section, Node node, List<string> unknown)
    {
        if (node.AcceptsAnything)
        {
            return;
        }

        foreach (var child in section.GetChildren())
        {
            if (node.Children.TryGetValue(child.Key, out var known))
            {
                Walk(child, known, unknown);
            }
            else
            {
                unknown.Add(child.Path);
            }
        }
    }

    private static IEnumerable<Type> SafeTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException partial)
        {
            return partial.Types.OfType<Type>();
        }
    }

    private sealed class Node
    {
        public Dictionary<string, Node> Children { get; } = new(StringComparer.OrdinalIgnoreCase);

        public bool AcceptsAnything { get; private set; }

        public Node Child(string key)
        {
            if (!Children.TryGetValue(key, out var child))
            {
                child = new Node();
                Children[key] = child;
            }

            return child;
        }

        public void AddProperties(Type type, int depth)
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetIndexParameters().Length > 0 || (!property.CanWrite && !IsCollection(property.PropertyType)))
                {
                    continue;
                }

                var child = Child(property.Name);
                var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                if (IsCollection(propertyType) || depth > 4)
                {
                    child.AcceptsAnything = true;
                }
                else if (!IsScalar(propertyType))
                {
                    child.AddProperties(propertyType, depth + 1);
                }
            }
        }

        private static bool IsScalar(Type type) =>
            type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
            || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Guid) || type == typeof(Uri);

        private static bool IsCollection(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);
    }
}
