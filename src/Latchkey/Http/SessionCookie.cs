using Latchkey.Core.Sessions;
using Latchkey.Core.SignIn;

namespace Latchkey.Http;

/// <summary>Writes and clears the session cookie: HttpOnly, SameSite=Lax, Secure whenever the request is HTTPS.</summary>
internal static class SessionCookie
{
    public static void Append(HttpContext context, LatchkeySessionOptions options, SignedIn signedIn)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(signedIn);
        context.Response.Cookies.Append(options.CookieName, signedIn.Token, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = "/",
            Expires = signedIn.Session.ExpiresAt,
            IsEssential = true,
        });
    }

    public static void Delete(HttpContext context, LatchkeySessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        context.Response.Cookies.Delete(options.CookieName, new CookieOptions { Path = "/", HttpOnly = true, Secure = context.Request.IsHttps, SameSite = SameSiteMode.Lax });
    }
}
