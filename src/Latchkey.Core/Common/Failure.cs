namespace Latchkey.Core.Common;

/// <summary>
/// An expected refusal: a stable <see cref="Code"/> from <see cref="ErrorCodes"/>, a sentence for people, and
/// optionally the fields it concerns with their own codes (for policy failures, the rule ids).
/// </summary>
public sealed record Failure(string Code, string Message, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    /// <summary>Extra members of the answer beside <c>code</c> (the sign-in's <c>challenge</c> and <c>methods</c>).</summary>
    public IReadOnlyDictionary<string, object>? Extensions { get; init; }

    public static Failure Field(string code, string field, string message) =>
        new(code, message, new Dictionary<string, string[]> { [field] = [message] });
}
