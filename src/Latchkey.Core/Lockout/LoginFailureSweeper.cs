using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Latchkey.Core.Lockout;

/// <summary>Deletes failed logins past their retention once an hour in the server.</summary>
public sealed class LoginFailureSweeper(IServiceScopeFactory scopes, TimeProvider timeProvider, ILogger<LoginFailureSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), timeProvider);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var swept = await scope.ServiceProvider.GetRequiredService<AccountLockout>().PurgeAsync(stoppingToken);
                LockoutLog.Swept(logger, swept);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LockoutLog.SweepFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
