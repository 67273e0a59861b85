using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Latchkey.Core.Sessions;

/// <summary>Runs <see cref="SweepSessionsHandler"/> once an hour in the server.</summary>
public sealed class SessionSweeper(IServiceScopeFactory scopes, TimeProvider timeProvider, ILogger<SessionSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), timeProvider);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var swept = await scope.ServiceProvider.GetRequiredService<SweepSessionsHandler>().HandleAsync(stoppingToken);
                SessionsLog.Swept(logger, swept);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                SessionsLog.SweepFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
