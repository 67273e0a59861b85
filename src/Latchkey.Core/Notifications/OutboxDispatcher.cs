using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Notifications;

/// <summary>
/// Drains the outbox in the background of the web host (never in a CLI verb): a <see cref="DeliverDueMessagesHandler"/>
/// pass every <see cref="OutboxOptions.PollInterval"/>, at once again while passes come back full, and a
/// <see cref="PurgeSentMessagesHandler"/> pass once an hour. Every node of a cluster runs one; the handler's claim
/// keeps them from sending the same message. A failing pass (store unreachable) is logged and the loop goes on.
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    TimeProvider timeProvider,
    IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan _purgeInterval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextPurge = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            var settings = options.Value;
            var full = false;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var pass = await scope.ServiceProvider.GetRequiredService<DeliverDueMessagesHandler>().HandleAsync(stoppingToken);
                full = pass.Claimed >= settings.BatchSize;
                if (timeProvider.GetUtcNow() >= nextPurge)
                {
                    await scope.ServiceProvider.GetRequiredService<PurgeSentMessagesHandler>().HandleAsync(stoppingToken);
                    nextPurge = timeProvider.GetUtcNow() + _purgeInterval;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The loop must outlive a store or network outage; the messages wait in the outbox.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                NotificationsLog.PassFailed(logger, exception, settings.PollInterval);
            }

            if (!full)
            {
                try
                {
                    await Task.Delay(settings.PollInterval, timeProvider, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }
}
