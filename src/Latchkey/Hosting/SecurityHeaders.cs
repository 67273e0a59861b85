using Scalar.AspNetCore;

namespace Latchkey.Hosting;

/// <summary>
/// Headers every answer carries, errors included (ASVS 3.4.1–3.4.6): no sniffing, no framing, no referrer, scripts
/// and styles only from this origin, no caching of anything that may show account data, and over HTTPS
/// <c>Strict-Transport-Security</c> for a year. Set when the answer starts, so the exception handler, which clears the
/// headers of a failed answer, and the status code pages cannot lose them. <c>form-action</c> is <c>'self'</c> plus
/// only the origins a page adds with <see cref="AllowFormTarget"/>: Chromium applies it to every redirect that follows
/// a form post, so the sign-in and consent pages of an OpenID Connect request name the client's registered redirect
/// URI (<see cref="OidcFormTargets"/>), and nothing else.
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    private const string FormTargetsItem = "Latchkey.FormTargets";

    /// <summary>Lets this answer's forms lead (through redirects) to <paramref name="target"/>'s origin.</summary>
    public static void AllowFormTarget(HttpContext context, Uri target)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(target);
        if (!target.IsAbsoluteUri || (target.Scheme != Uri.UriSchemeHttps && target.Scheme != Uri.UriSchemeHttp))
        {
            return;
        }

        var origins = context.Items[FormTargetsItem] as HashSet<string> ?? [];
        origins.Add(target.GetLeftPart(UriPartial.Authority));
        context.Items[FormTargetsItem] = origins;
    }

    /// <summary>The policy of this answer: <see cref="ContentSecurityPolicy"/> with the allowed form targets added.</summary>
    public static string PolicyFor(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var policy = context.Items[FormTargetsItem] is HashSet<string> { Count: > 0 } origins
            ? ContentSecurityPolicy + " " + string.Join(' ', origins.Order(StringComparer.Ordinal))
            : ContentSecurityPolicy;

        // The API reference page (Api/ApiReference): its one inline script is allowed by this answer's nonce, and the
        // styles its bundled script injects at run time need 'unsafe-inline' (styles only; scripts stay nonce-bound).
        return context.Items[ScalarOptions.NonceHttpContextItemKey] is string nonce
            ? $"{policy}; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'"
            : policy;
    }

    public static Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        context.Response.OnStarting(static state =>
        {
            var context = (HttpContext)state;
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = PolicyFor(context);
            if (context.Request.IsHttps)
            {
                headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            }

            if (!IsStaticAsset(context.Request.Path))
            {
                // "no-cache, no-store" (with Pragma) is what antiforgery sets on pages with a form: the same value here
                // means it has nothing to override, and so nothing to warn about.
                headers.CacheControl = "no-cache, no-store";
                headers.Pragma = "no-cache";
            }

            return Task.CompletedTask;
        }, context);
        return next();
    }

    private static bool IsStaticAsset(PathString path) =>
        path.StartsWithSegments("/css", StringComparison.Ordinal) || path.StartsWithSegments("/js", StringComparison.Ordinal);
}
