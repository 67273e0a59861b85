using System.CommandLine;
using Latchkey.Core.Store;

namespace Latchkey.Cli;

internal static class StoreCommands
{
    public static Command CreateMigrate(IServiceProvider services)
    {
        var command = new Command("migrate", "Create or upgrade the store's schema to this version of Latchkey.");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var scope = services.CreateAsyncScope();
            var migrator = scope.ServiceProvider.GetRequiredService<SchemaMigrator>();
            var before = await migrator.CurrentVersionAsync(cancellationToken);
            var after = await migrator.MigrateAsync(cancellationToken: cancellationToken);
            await parseResult.InvocationConfiguration.Output.WriteLineAsync(before == after
                ? $"The {migrator.Provider.ToString().ToLowerInvariant()} store is up to date (schema version {after})."
                : $"Upgraded the {migrator.Provider.ToString().ToLowerInvariant()} store from schema version {before} to {after}.");
            return ExitCodes.Success;
        });
        return command;
    }
}
