using Latchkey.Core.Common;
using Latchkey.Http;
using Microsoft.AspNetCore.Diagnostics;

namespace Latchkey.Api;

/// <summary>
/// API answers the framework leaves without a body (an unknown route, a wrong method, a media type no endpoint
/// reads) become RFC 9457 problems with a <c>code</c>, as every other API failure is.
/// </summary>
internal static class ApiStatusProblems
{
    public static Task WriteAsync(StatusCodeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var failure = context.HttpContext.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => new Failure(ErrorCodes.NotFound, "No such resource."),
            StatusCodes.Status405MethodNotAllowed => new Failure(ErrorCodes.MethodNotAllowed, "This path does not take that method."),
            StatusCodes.Status415UnsupportedMediaType => new Failure(ErrorCodes.UnsupportedMediaType, "Send the request body as application/json."),
            StatusCodes.Status401Unauthorized => new Failure(ErrorCodes.Unauthorized, "Sign in first: no valid session."),
            StatusCodes.Status403Forbidden => new Failure(ErrorCodes.Forbidden, "Your role does not allow this."),
            StatusCodes.Status503ServiceUnavailable => new Failure(ErrorCodes.Unavailable, "The service is unavailable; retry shortly."),
            >= 500 => new Failure("internal_error", "Something went wrong on the server."),
            _ => new Failure(ErrorCodes.Validation, "The request is malformed."),
        };
        return ApiProblems.Write(context.HttpContext, failure, context.HttpContext.Response.StatusCode);
    }
}
