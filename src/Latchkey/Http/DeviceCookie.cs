using Latchkey.Core.Lockout;
using Latchkey.Core.SignIn;

namespace Latchkey.Http;

/// <summary>
/// The browser's device cookie (<see cref="TrustedDevices"/>): HttpOnly, SameSite=Lax, Secure whenever the request is
/// HTTPS, kept for <see cref="LockoutOptions.DeviceLifetime"/>. Signing out leaves it: it says the browser signed in
/// before, and grants nothing without the password.
/// </summary>
internal static class DeviceCookie
{
    public static string? Read(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.Cookies[TrustedDevices.CookieName];
    }

    public static void Append(HttpContext context, LockoutOptions options, SignedIn signedIn)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(signedIn);
        if (signedIn.DeviceCookie is null)
        {
            return;
        }

        context.Response.Cookies.Append(TrustedDevices.CookieName, signedIn.DeviceCookie, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = "/",
            MaxAge = options.DeviceLifetime,
            IsEssential = true,
        });
    }

    /// <summary>Retry-After for a refusal of the client address (<see cref="Core.Common.ErrorCodes.RateLimited"/>): the failure window.</summary>
    public static void RetryAfter(HttpContext context, LockoutOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        context.Response.Headers.RetryAfter = ((int)options.IpWindow.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
