namespace Latchkey.Core.Common;

/// <summary>
/// An expected refusal: a stable <see cref="Code"/> from <see cref="ErrorCodes"/>, a sentence for people, and
/// optionally the fields it concerns with their own codes (for policy failures, the rule ids).
/// </summary>
public sealed record Failure(string Code, string Message, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    /// <summary>Extra members of the answer beside <c>code</c> (the sign-in's <c>challenge</c> and <c>methods</c>).</summary>
    public IReadOnlyDictionary<string, object>? Extensions { get; init; }

    /// <summary>
    /// For a sentence that embeds values: its English composite-format template (<c>'{0}' is not a valid domain
    /// name.</c>), translated as a key, then filled with <see cref="Arguments"/>. Null for a fixed sentence.
    /// </summary>
    public string? Template { get; init; }

    public IReadOnlyList<object>? Arguments { get; init; }

    public static Failure Field(string code, string field, string message) =>
        new(code, message, new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>A refusal of one field whose sentence embeds values: <paramref name="template"/> with <paramref name="arguments"/>.</summary>
    public static Failure Field(string code, string field, string template, params object?[] arguments)
    {
        var values = Values(arguments);
        var message = Fill(template, values);
        return new(code, message, new Dictionary<string, string[]> { [field] = [message] }) { Template = template, Arguments = values };
    }

    /// <summary>A refusal whose sentence embeds values: <paramref name="template"/> with <paramref name="arguments"/>.</summary>
    public static Failure Of(string code, string template, params object?[] arguments)
    {
        var values = Values(arguments);
        return new(code, Fill(template, values)) { Template = template, Arguments = values };
    }

    private static object[] Values(object?[] arguments) => [.. arguments.Select(a => a ?? string.Empty)];

    private static string Fill(string template, object[] arguments) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, template, arguments);
}
