using System.ComponentModel.DataAnnotations;

namespace Latchkey.Core.Tokens;

/// <summary>
/// <c>Latchkey:Tokens</c>. <see cref="DefaultLifetimeDays"/> when none is asked for (default 90),
/// <see cref="MaxLifetimeDays"/> the longest allowed (default 365, configuration may only shorten it),
/// <see cref="MaxTokensPerAccount"/> live tokens per account (default 50).
/// </summary>
public sealed class ApiTokenOptions
{
    public const string SectionName = "Latchkey:Tokens";

    [Range(1, 365)]
    public int DefaultLifetimeDays { get; set; } = 90;

    [Range(1, 365)]
    public int MaxLifetimeDays { get; set; } = 365;

    [Range(1, 1000)]
    public int MaxTokensPerAccount { get; set; } = 50;
}
