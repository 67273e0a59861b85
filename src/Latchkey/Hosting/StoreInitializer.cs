using Latchkey.Core.Accounts;
using Latchkey.Core.Data;
using Latchkey.Core.Store;
using Microsoft.Extensions.Options;

namespace Latchkey.Hosting;

/// <summary>
/// Before the server takes requests: brings the schema up to date and bootstraps the first Administrator. Once it
/// listens, it tells the person at the console where to sign in, or prints the one-time setup link (to standard
/// output only, never to the log, which may be shipped elsewhere).
/// </summary>
internal sealed partial class StoreInitializer(
    IServiceScopeFactory scopes,
    IHostApplicationLifetime lifetime,
    ConsoleAddress consoleAddress,
    IOptions<BootstrapOptions> bootstrapOptions,
    IOptions<LatchkeyOptions> latchkeyOptions,
    ILogger<StoreInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        WarnAboutExposedFiles();
        await using var scope = scopes.CreateAsyncScope();
        var version = await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().MigrateAsync(cancellationToken: cancellationToken);
        LogSchema(logger, version);
        var outcome = await scope.ServiceProvider.GetRequiredService<BootstrapAdministratorHandler>().HandleAsync(cancellationToken);
        if (outcome.State == BootstrapState.Failed)
        {
            throw new StartupFailedException($"could not create the first administrator {bootstrapOptions.Value.AdminEmail}: {outcome.Failure!.Code}: {outcome.Failure.Message}");
        }

        lifetime.ApplicationStarted.Register(() => Announce(outcome));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Existing data files other users can read are the operator's to fix (README "Data directory"); say so at every start.</summary>
    private void WarnAboutExposedFiles()
    {
        var exposed = StoreFiles.FindExposed(latchkeyOptions.Value.FullDataDirectory);
        foreach (var path in exposed.Take(10))
        {
            LogExposed(logger, path);
        }

        if (exposed.Count > 10)
        {
            LogMoreExposed(logger, exposed.Count - 10);
        }
    }

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "{Path} is readable by other users: chmod 0700 the data directory and 0600 its files (see README)")]
    private static partial void LogExposed(ILogger logger, string path);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "{Count} more data files are readable by other users")]
    private static partial void LogMoreExposed(ILogger logger, int count);

    private void Announce(BootstrapOutcome outcome)
    {
        var address = consoleAddress.Resolve();
        switch (outcome.State)
        {
            case BootstrapState.SetupLinkIssued:
                Console.Out.WriteLine($"Latchkey has no accounts yet. Create the first administrator, once, at:\n  {address}/setup?token={outcome.SetupToken}");
                LogSetupLinkPrinted(logger);
                break;
            case BootstrapState.AdministratorCreated:
                Console.Out.WriteLine($"Latchkey created the first administrator {bootstrapOptions.Value.AdminEmail}. Sign in at {address}/login");
                break;
            default:
                Console.Out.WriteLine($"Latchkey is running. Sign in at {address}/login");
                break;
        }
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Store schema at version {Version}")]
    private static partial void LogSchema(ILogger logger, int version);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "No accounts: a one-time setup link was printed to the console")]
    private static partial void LogSetupLinkPrinted(ILogger logger);
}
