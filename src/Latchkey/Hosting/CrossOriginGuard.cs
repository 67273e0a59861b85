using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Latchkey.Hosting;

/// <summary>
/// Refuses state-changing <c>/api/v1</c> requests (POST, PUT, PATCH, DELETE) a browser could have sent from another
/// origin with the session cookie (ASVS 3.5.1, 3.5.2): <c>Sec-Fetch-Site</c>, when sent, must be <c>same-origin</c> or
/// <c>none</c>; <c>Origin</c>, when sent, must be the configured <c>Latchkey:PublicUrl</c> origin (or the request's own,
/// for a node reached directly); a request with a body must be <c>application/json</c>, which no HTML form can send.
/// Requests that carry <c>Authorization: Bearer</c> are exempt: a browser never adds that header on its own.
/// </summary>
internal sealed class CrossOriginGuard(RequestDelegate next, IOptions<LatchkeyOptions> options)
{
    private readonly string _publicOrigin = OriginOf(options.Value.PublicUrl);

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!IsStateChanging(request.Method)
            || !request.Path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase)
            || IsBearer(request))
        {
            return next(context);
        }

        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site is not ("same-origin" or "none"))
        {
            return ApiProblems.Write(context, new Failure(ErrorCodes.CrossOrigin, "Cross-origin requests may not change anything (Sec-Fetch-Site)."));
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0
            && !string.Equals(origin, _publicOrigin, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase))
        {
            return ApiProblems.Write(context, new Failure(ErrorCodes.CrossOrigin, "Cross-origin requests may not change anything (Origin)."));
        }

        if ((HasBody(request) || request.ContentType is not null) && !IsJson(request.ContentType))
        {
            return ApiProblems.Write(context, new Failure(ErrorCodes.UnsupportedMediaType, "Send the request body as application/json ({} when there is nothing to send)."));
        }

        return next(context);
    }

    private static bool IsStateChanging(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    private static bool IsBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && string.Equals(parsed.MediaType.Value, "application/json", StringComparison.OrdinalIgnoreCase);

    private static string OriginOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : "";
}
