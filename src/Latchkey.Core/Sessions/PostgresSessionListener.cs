using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Latchkey.Core.Sessions;

/// <summary>
/// On PostgreSQL, LISTENs for other nodes' revocations and drops the matching cached sessions. The cache stays off
/// until the listener is connected, and is switched off (and cleared) whenever the connection is lost, so a node
/// never trusts a cache it cannot keep current; it reconnects with a growing pause.
/// </summary>
public sealed class PostgresSessionListener(
    SessionCache cache,
    IOptions<DatabaseOptions> database,
    IConfiguration configuration,
    ILogger<PostgresSessionListener> logger) : BackgroundService
{
    private int _connections;

    /// <summary>Set once the first LISTEN is in place (tests wait on it).</summary>
    public TaskCompletionSource Listening { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many times a LISTEN connection has been established (1 + reconnects).</summary>
    public int Connections => Volatile.Read(ref _connections);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (database.Value.ParsedProvider == DatabaseProvider.Postgres)
        {
            cache.Enabled = false;
        }

        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Value.ParsedProvider != DatabaseProvider.Postgres)
        {
            Listening.TrySetResult();
            return;
        }

        var pause = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Latchkey"))
                {
                    KeepAlive = 5,
                    Pooling = false,
                }.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, notification) =>
                {
                    if (Guid.TryParse(notification.Payload, out var accountId))
                    {
                        cache.InvalidateAccount(accountId);
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {SessionRevoker.NotifyChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                cache.Enabled = true;
                Interlocked.Increment(ref _connections);
                Listening.TrySetResult();
                SessionsLog.ListenerConnected(logger);
                LatchkeyMetrics.ListenerConnected(true);
                pause = TimeSpan.FromMilliseconds(250);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                cache.Enabled = false;
                SessionsLog.ListenerLost(logger, exception);
                LatchkeyMetrics.ListenerConnected(false);
                await Task.Delay(pause, stoppingToken);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }
}
