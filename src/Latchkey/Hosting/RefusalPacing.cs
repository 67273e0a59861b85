using Microsoft.Extensions.Options;

namespace Latchkey.Hosting;

/// <summary>
/// Holds every refusal that tells the client to come back later (429, or 503 with <c>Retry-After</c>) for
/// <see cref="WebOptions.RefusalDelay"/> before its answer starts, so a client that floods the sign-in gets its
/// refusals at the pace of its connections, not of the CPU: the hold is an async timer, no thread waits. At most
/// <see cref="WebOptions.MaxHeldRefusals"/> answers are held at once; past that a refusal goes out at once, so holding
/// can never pile up connections without bound.
/// </summary>
internal sealed class RefusalPacing(IOptions<WebOptions> options)
{
    private int _held;

    /// <summary>Refusals being held right now.</summary>
    public int Held => Volatile.Read(ref _held);

    public Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        context.Response.OnStarting(() => HoldAsync(context));
        return next();
    }

    private async Task HoldAsync(HttpContext context)
    {
        var response = context.Response;
        var refusal = response.StatusCode == StatusCodes.Status429TooManyRequests
            || (response.StatusCode == StatusCodes.Status503ServiceUnavailable && response.Headers.RetryAfter.Count > 0);
        var delay = options.Value.RefusalDelay;
        if (!refusal || delay <= TimeSpan.Zero)
        {
            return;
        }

        if (Interlocked.Increment(ref _held) > options.Value.MaxHeldRefusals)
        {
            Interlocked.Decrement(ref _held);
            return;
        }

        try
        {
            await Task.Delay(delay, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client went away; its answer no longer matters.
        }
        finally
        {
            Interlocked.Decrement(ref _held);
        }
    }
}
