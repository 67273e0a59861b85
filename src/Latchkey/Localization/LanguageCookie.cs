using Latchkey.Core.Data;

namespace Latchkey.Localization;

/// <summary>
/// The language a browser chose before (or without) signing in: set by the switcher on the sign-in page and by
/// <c>/account/language</c>, read on anonymous pages. It holds a language code and nothing else.
/// </summary>
internal static class LanguageCookie
{
    public const string Name = "latchkey_language";

    public static void Append(HttpContext context, string language)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Append(Name, Languages.Normalize(language) ?? Languages.Default, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = "/",
            MaxAge = TimeSpan.FromDays(365),
            IsEssential = true,
        });
    }

    public static string? Read(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Languages.Normalize(context.Request.Cookies[Name]);
    }
}
