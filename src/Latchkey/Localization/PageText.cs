using Latchkey.Core.Common;
using Microsoft.Extensions.Localization;

namespace Latchkey.Localization;

/// <summary>
/// The panel's texts for a page model or endpoint, in the request's language. A refusal from Core carries an English
/// sentence; it is looked up as a key like any other text. A sentence that embeds values (an address, a count) is
/// looked up by its template and filled in the request's culture.
/// </summary>
internal static class PageText
{
    public static IStringLocalizer<Text> Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.RequestServices.GetRequiredService<IStringLocalizer<Text>>();
    }

    public static string Describe(this IStringLocalizer<Text> text, Failure failure)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(failure);
        return failure is { Template: { } template, Arguments: { } arguments }
            ? text[template, [.. arguments]]
            : text[failure.Message];
    }
}
