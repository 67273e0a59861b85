using Latchkey.Core.Common;
using Microsoft.Extensions.Localization;

namespace Latchkey.Localization;

/// <summary>
/// The panel's texts for a page model or endpoint, in the request's language. A refusal from Core carries an English
/// sentence; it is looked up as a key like any other text, so a translated sentence reads translated and one that
/// embeds a value (an address, a count) falls back to English rather than to nothing.
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
        return text[failure.Message];
    }
}
