using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Passwords;
using Latchkey.Http;
using Microsoft.AspNetCore.Diagnostics;

namespace Latchkey.Hosting;

/// <summary>
/// Turns exceptions into answers without internals: malformed or oversized requests are 400/413
/// <see cref="ErrorCodes.Validation"/>; a full hashing queue is 503 with Retry-After; a store that is down, full or
/// read-only is 503 <see cref="ErrorCodes.Unavailable"/> with Retry-After (<see cref="StoreFaults"/>); anything else is
/// a 500 whose details stay in the server log.
/// </summary>
internal sealed partial class LatchkeyExceptionHandler(ILogger<LatchkeyExceptionHandler> logger, StoreFaultMonitor storeFaults) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var (status, failure) = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (StatusCodes.Status413PayloadTooLarge, new Failure(ErrorCodes.Validation, "The request body is too large.")),
            BadHttpRequestException bad =>
                (bad.StatusCode, new Failure(ErrorCodes.Validation, "The request is malformed: send a JSON object with the documented fields.")),
            HashingCapacityExceededException { PerClient: true } =>
                (StatusCodes.Status429TooManyRequests, new Failure(ErrorCodes.RateLimited, "Too many sign-ins from your address at once; retry shortly.")),
            HashingCapacityExceededException =>
                (StatusCodes.Status503ServiceUnavailable, new Failure(ErrorCodes.RateLimited, "The server is busy checking passwords; retry shortly.")),
            _ when StoreFaults.IsUnavailable(exception) =>
                (StatusCodes.Status503ServiceUnavailable, new Failure(ErrorCodes.Unavailable, "The account store is unavailable; retry shortly.")),
            _ => (StatusCodes.Status500InternalServerError, new Failure("internal_error", "Something went wrong on the server.")),
        };

        if (failure.Code == ErrorCodes.Unavailable)
        {
            storeFaults.Record();
            LogStoreUnavailable(logger, exception.GetType().Name, exception.GetBaseException().Message);
            httpContext.Response.Headers.RetryAfter = StoreRetryAfterSeconds;
        }
        else if (status >= 500 && exception is not HashingCapacityExceededException)
        {
            LogUnhandled(logger, exception);
        }

        if (exception is HashingCapacityExceededException capacity)
        {
            httpContext.Response.Headers.RetryAfter = capacity.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (!ApiPaths.IsApi(httpContext.Request.Path))
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = "text/plain; charset=utf-8";
            await httpContext.Response.WriteAsync(failure.Message, cancellationToken);
            return true;
        }

        await ApiProblems.Write(httpContext, failure, status);
        return true;
    }

    private const string StoreRetryAfterSeconds = "5";

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "The store is unavailable ({ExceptionType}: {Reason}); answered 503")]
    private static partial void LogStoreUnavailable(ILogger logger, string exceptionType, string reason);

    [LoggerMessage(EventId = 100, Level = LogLevel.Error, Message = "Unhandled exception")]
    private static partial void LogUnhandled(ILogger logger, Exception exception);
}
