using System.CommandLine;
using Latchkey.Core;
using Latchkey.Core.Common;
using Latchkey.Core.Store;

namespace Latchkey.Cli;

/// <summary>
/// The admin verbs. They read the same configuration as <c>serve</c> (appsettings.json, <c>Latchkey__…</c>
/// environment variables), bring the schema up to date, and call the same handlers as the web panel.
/// </summary>
internal static class CliApp
{
    private static readonly HashSet<string> _nouns = new(StringComparer.Ordinal) { "accounts", "audit", "backup", "blocklist", "clients", "domains", "dovecot", "migrate", "restore", "sessions", "tokens" };

    public static bool IsCliVerb(string[] args) => args.Length > 0 && (_nouns.Contains(args[0]) || args[0] is "--help" or "-h" or "help");

    /// <summary>The arguments for the web host: <c>serve</c>, the default verb, is dropped.</summary>
    public static string[] WithoutServeVerb(string[] args) => args.Length > 0 && args[0] == "serve" ? args[1..] : args;

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error, IDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = Directory.GetCurrentDirectory() });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.ClearProviders();
        builder.Services.AddLatchkeyCore(builder.Configuration);
        using var host = builder.Build();

        var root = new RootCommand("Latchkey: accounts, passwords and sessions. Without a verb, `latchkey serve` runs the web panel and API.")
        {
            AccountsCommands.Create(host.Services, input),
            AuditCommands.Create(host.Services),
            BlocklistCommands.Create(host.Services),
            ClientsCommands.Create(host.Services),
            DomainsCommands.Create(host.Services),
            DovecotCommands.Create(host.Services),
            SessionsCommands.Create(host.Services),
            TokensCommands.Create(host.Services),
            StoreCommands.CreateMigrate(host.Services),
            BackupCommands.CreateBackup(host.Services),
            BackupCommands.CreateRestore(host.Services),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                await error.WriteLineAsync($"latchkey: {parseError.Message}");
            }

            return ExitCodes.Usage;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.Data.Common.DbException or Microsoft.Extensions.Options.OptionsValidationException)
        {
            await error.WriteLineAsync($"latchkey: {exception.Message}");
            return ExitCodes.Environment;
        }
    }

    /// <summary>Prints a refusal as <c>code: text</c>, one line per field error.</summary>
    public static async Task<int> RefuseAsync(TextWriter error, Failure failure)
    {
        await error.WriteLineAsync($"{failure.Code}: {failure.Message}");
        return ExitCodes.Refused;
    }

    /// <summary>
    /// Every verb starts from an up-to-date schema of an existing store. A data directory that holds no store is
    /// refused rather than filled with an empty one: a verb run from the wrong folder must not quietly act on nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">The configured store does not exist (exit code 3).</exception>
    public static async Task<AsyncServiceScope> OpenStoreAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var scope = services.CreateAsyncScope();
        var migrator = scope.ServiceProvider.GetRequiredService<SchemaMigrator>();
        if (await migrator.FindStoreAsync(cancellationToken) is { Exists: false } missing)
        {
            await scope.DisposeAsync();
            throw new InvalidOperationException(
                $"no Latchkey store at {missing.Location}. Start `latchkey serve` or run `latchkey migrate` with this configuration first, or set Latchkey__DataDirectory to the folder that holds latchkey.db.");
        }

        await migrator.MigrateAsync(cancellationToken: cancellationToken);
        return scope;
    }
}
