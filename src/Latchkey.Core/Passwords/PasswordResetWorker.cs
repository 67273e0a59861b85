using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Latchkey.Core.Passwords;

/// <summary>Runs queued "forgot password" requests (<see cref="PasswordResetRequests"/>) one at a time, each in its own scope.</summary>
public sealed class PasswordResetWorker(PasswordResetRequests queue, IServiceScopeFactory scopes, ILogger<PasswordResetWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (email, context) in queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<RequestPasswordResetHandler>().HandleAsync(email, context, stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    PasswordsLog.ResetRequestFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
