using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Latchkey.Core.Common;

/// <summary>
/// A server-side chore run at start and then once an hour, each time in a scope of its own. A failed run is reported
/// and the next one still happens; only shutdown stops the loop.
/// </summary>
public abstract class HourlyJob(IServiceScopeFactory scopes, TimeProvider timeProvider) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), timeProvider);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await RunOnceAsync(scope.ServiceProvider, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Failed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    protected abstract Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken);

    protected abstract void Failed(Exception exception);
}
