using Latchkey.Core.Common;
using Microsoft.AspNetCore.Mvc;

namespace Latchkey.Http;

/// <summary>
/// RFC 9457 problem details for every API failure, with Latchkey's <c>code</c> member and, for field failures,
/// <c>errors</c> keyed by the JSON field name.
/// </summary>
internal static class ApiProblems
{
    public static int StatusFor(string code) => code switch
    {
        ErrorCodes.InvalidCredentials or ErrorCodes.TwoFactorRequired or ErrorCodes.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorCodes.Locked => StatusCodes.Status423Locked,
        ErrorCodes.InvalidCurrentPassword or ErrorCodes.PasswordChangeRequired or ErrorCodes.Forbidden or ErrorCodes.CrossOrigin or ErrorCodes.InsufficientScope
            or ErrorCodes.StepUpRequired or ErrorCodes.TwoFactorSetupRequired => StatusCodes.Status403Forbidden,
        ErrorCodes.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        ErrorCodes.MethodNotAllowed => StatusCodes.Status405MethodNotAllowed,
        ErrorCodes.NotFound => StatusCodes.Status404NotFound,
        ErrorCodes.Conflict => StatusCodes.Status409Conflict,
        ErrorCodes.RateLimited => StatusCodes.Status429TooManyRequests,
        ErrorCodes.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };

    public static ProblemDetails Create(Failure failure, int? status = null)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var problem = new ProblemDetails
        {
            Status = status ?? StatusFor(failure.Code),
            Title = failure.Message,
            Type = "https://latchkey.dev/problems/" + failure.Code,
        };
        problem.Extensions["code"] = failure.Code;
        foreach (var (name, value) in failure.Extensions ?? new Dictionary<string, object>())
        {
            problem.Extensions[name] = value;
        }

        if (failure.Errors is { Count: > 0 } errors)
        {
            problem.Extensions["errors"] = errors;
        }

        return problem;
    }

    public static IResult Result(Failure failure, int? status = null) => Problem(failure, status);

    /// <summary>The typed form, for endpoints declared as <c>Results&lt;…, ProblemHttpResult&gt;</c>.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Problem(Failure failure, int? status = null) =>
        TypedResults.Problem(Create(failure, status));

    public static Task Write(HttpContext context, Failure failure, int? status = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = Create(failure, status);
        context.Response.StatusCode = problem.Status!.Value;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = problem,
        }).AsTask();
    }
}
