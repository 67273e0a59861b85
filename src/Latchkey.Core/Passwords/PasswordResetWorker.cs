using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Latchkey.Core.Passwords;

/// <summary>
/// Runs queued "forgot password" requests (<see cref="PasswordResetRequests"/>) one at a time, each in its own scope;
/// a request that fails (the store busy or briefly unreachable, a lost race on the audit chain with another node) is
/// tried again, up to <see cref="Attempts"/> times.
/// </summary>
public sealed class PasswordResetWorker(PasswordResetRequests queue, IServiceScopeFactory scopes, ILogger<PasswordResetWorker> logger) : BackgroundService
{
    public const int Attempts = 3;

    private static readonly TimeSpan _retryDelay = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (email, context) in queue.Reader.ReadAllAsync(stoppingToken))
            {
                for (var attempt = 1; attempt <= Attempts; attempt++)
                {
                    try
                    {
                        // A fresh scope per attempt: a failed save leaves nothing behind (one SaveChanges holds the
                        // token, the outbox message and the audit event), and a success is never repeated.
                        await using var scope = scopes.CreateAsyncScope();
                        await scope.ServiceProvider.GetRequiredService<RequestPasswordResetHandler>().HandleAsync(email, context, stoppingToken);
                        break;
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        PasswordsLog.ResetRequestFailed(logger, exception);
                        if (attempt < Attempts)
                        {
                            await Task.Delay(_retryDelay * attempt, stoppingToken);
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
