namespace Latchkey.Http;

/// <summary>
/// Carries the sign-in challenge from the password page to <c>/login/two-factor</c>: HttpOnly, SameSite=Strict,
/// limited to <c>/login</c>, gone after 5 minutes; it opens nothing by itself (a code is still needed).
/// </summary>
internal static class TwoFactorChallengeCookie
{
    public const string Name = "latchkey_2fa";

    public static void Append(HttpContext context, string challenge, DateTimeOffset expiresAt) =>
        context.Response.Cookies.Append(Name, challenge, Options(context, expiresAt));

    public static string? Read(HttpContext context) => context.Request.Cookies[Name];

    public static void Delete(HttpContext context) => context.Response.Cookies.Delete(Name, Options(context, null));

    private static CookieOptions Options(HttpContext context, DateTimeOffset? expiresAt) => new()
    {
        HttpOnly = true,
        Secure = context.Request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = "/login",
        Expires = expiresAt,
        IsEssential = true,
    };
}
