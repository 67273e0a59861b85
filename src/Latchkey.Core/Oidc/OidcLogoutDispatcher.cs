using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Oidc;

/// <summary>
/// Sends owed back-channel logout tokens in the background of the web host: a <see cref="DeliverLogoutTokensHandler"/>
/// pass every <see cref="OidcOptions.LogoutPollInterval"/> (250 ms by default, so a client hears of a revocation within
/// a second). Every node runs one; the claim keeps them from sending the same token. A failing pass is logged and the
/// loop goes on.
/// </summary>
public sealed class OidcLogoutDispatcher(IServiceScopeFactory scopes, TimeProvider timeProvider, IOptions<OidcOptions> options, ILogger<OidcLogoutDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DeliverLogoutTokensHandler>().HandleAsync(stoppingToken);
                await Task.Delay(options.Value.LogoutPollInterval, timeProvider, stoppingToken);
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
