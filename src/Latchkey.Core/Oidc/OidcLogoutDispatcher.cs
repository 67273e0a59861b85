using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Oidc;

/// <summary>
/// Sends owed back-channel logout tokens in the background of the web host: a <see cref="DeliverLogoutTokensHandler"/>
/// pass every <see cref="OidcOptions.LogoutPollInterval"/> (250 ms by default), and at once when a revocation on this
/// node commits (<see cref="LogoutDeliveryKick"/>), so a client hears of it well within a second. Every node runs one; the claim keeps them from sending the same token. A failing pass is logged and the
/// loop goes on.
/// </summary>
public sealed class OidcLogoutDispatcher(IServiceScopeFactory scopes, LogoutDeliveryKick kick, TimeProvider timeProvider, IOptions<OidcOptions> options, ILogger<OidcLogoutDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var warm = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var handler = scope.ServiceProvider.GetRequiredService<DeliverLogoutTokensHandler>();
                if (!warm)
                {
                    await scope.ServiceProvider.GetRequiredService<BackchannelLogout>().WarmUpAsync(stoppingToken);
                    warm = true;
                }

                await handler.HandleAsync(stoppingToken);
                await kick.WaitAsync(options.Value.LogoutPollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The loop must outlive a store outage; the tokens wait in the table.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                OidcLog.PassFailed(logger, exception);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(5), timeProvider, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
