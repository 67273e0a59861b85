using System.CommandLine;
using Latchkey.Core.Audit;
using Latchkey.Core.Store;

namespace Latchkey.Cli;

/// <summary>
/// <c>latchkey backup --out FILE</c> and <c>latchkey restore FILE [--force]</c> (SQLite), and
/// <c>latchkey restore --check</c>: after a PostgreSQL <c>pg_restore</c>, is the schema one this binary knows, and
/// does the audit chain hold. Exit 0 done, 1 refused or audit chain broken, 2 usage.
/// </summary>
internal static class BackupCommands
{
    public static Command CreateBackup(IServiceProvider services)
    {
        var outOption = new Option<string>("--out") { Description = "The file to write; it must not exist yet.", Required = true };
        var command = new Command("backup", "Write a consistent copy of the SQLite store while the server runs (PostgreSQL: use pg_dump).") { outOption };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var scope = await CliApp.OpenStoreAsync(services, cancellationToken);
            var result = await scope.ServiceProvider.GetRequiredService<BackupStoreHandler>().HandleAsync(parseResult.GetValue(outOption)!, cancellationToken);
            if (!result.Succeeded)
            {
                return await CliApp.RefuseAsync(parseResult.InvocationConfiguration.Error, result.Failure!);
            }

            var backup = result.Value!;
            await parseResult.InvocationConfiguration.Output.WriteLineAsync($"Backed up schema version {backup.SchemaVersion} to {backup.Path} ({backup.Bytes} bytes).");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command CreateRestore(IServiceProvider services)
    {
        var fileArgument = new Argument<string?>("FILE") { Description = "A file written by latchkey backup.", Arity = ArgumentArity.ZeroOrOne };
        var forceOption = new Option<bool>("--force") { Description = "Replace an existing store (stop the server first)." };
        var checkOption = new Option<bool>("--check") { Description = "Only check the current store: known schema version, intact audit chain (after pg_restore)." };
        var command = new Command("restore", "Replace the SQLite store with a backup, upgrade it and verify its audit chain.") { fileArgument, forceOption, checkOption };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var file = parseResult.GetValue(fileArgument);
            if (parseResult.GetValue(checkOption) == (file is not null))
            {
                await error.WriteLineAsync("latchkey: restore takes either FILE or --check.");
                return ExitCodes.Usage;
            }

            if (file is null)
            {
                return await CheckAsync(services, output, error, cancellationToken);
            }

            await using var scope = services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<RestoreStoreHandler>().HandleAsync(file, parseResult.GetValue(forceOption), cancellationToken);
            if (!result.Succeeded)
            {
                return await CliApp.RefuseAsync(error, result.Failure!);
            }

            var restored = result.Value!;
            await output.WriteLineAsync($"Restored schema version {restored.BackupVersion} (now {restored.SchemaVersion}).");
            return await ReportAuditAsync(restored.Audit, output, error);
        });
        return command;
    }

    private static async Task<int> CheckAsync(IServiceProvider services, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var migrator = scope.ServiceProvider.GetRequiredService<SchemaMigrator>();
        if (await migrator.FindStoreAsync(cancellationToken) is { Exists: false } missing)
        {
            await error.WriteLineAsync($"latchkey: no Latchkey store at {missing.Location}.");
            return ExitCodes.Environment;
        }

        var version = await migrator.CurrentVersionAsync(cancellationToken);
        var latest = SchemaMigrator.ScriptsFor(migrator.Provider).Max(s => s.Version);
        if (version > latest)
        {
            await error.WriteLineAsync($"validation: the store has schema version {version}, made by a newer Latchkey; this one knows up to {latest}.");
            return ExitCodes.Refused;
        }

        var upgraded = await migrator.MigrateAsync(cancellationToken: cancellationToken);
        await output.WriteLineAsync($"Schema version {version} (now {upgraded}; this Latchkey knows up to {latest}).");
        return await ReportAuditAsync(await scope.ServiceProvider.GetRequiredService<VerifyAuditChainHandler>().HandleAsync(cancellationToken: cancellationToken), output, error);
    }

    private static async Task<int> ReportAuditAsync(AuditChainReport audit, TextWriter output, TextWriter error)
    {
        if (!audit.Intact)
        {
            await error.WriteLineAsync($"{audit.Break!.Code}: {audit.Break.Message}");
            return ExitCodes.Refused;
        }

        await output.WriteLineAsync($"The audit log is intact: {audit.Records} records.");
        return ExitCodes.Success;
    }
}
