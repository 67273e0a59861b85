namespace Latchkey.Hosting;

/// <summary>
/// Headers every answer carries, errors included (ASVS 3.4.1–3.4.6): no sniffing, no framing, no referrer, scripts
/// and styles only from this origin, no caching of anything that may show account data, and over HTTPS
/// <c>Strict-Transport-Security</c> for a year. Set when the answer starts, so the exception handler, which clears the
/// headers of a failed answer, and the status code pages cannot lose them.
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public static Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        context.Response.OnStarting(static state =>
        {
            var context = (HttpContext)state;
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
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
