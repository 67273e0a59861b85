using System.CommandLine;
using Latchkey.Core.Passwords.Blocklist;
using Spectre.Console;

namespace Latchkey.Cli;

internal static class BlocklistCommands
{
    public static Command Create(IServiceProvider services) => new("blocklist", "Manage the list of common and breached passwords.")
    {
        CreateImport(services),
    };

    private static Command CreateImport(IServiceProvider services)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A plain list (one password a line, UTF-8) or a Have I Been Pwned SHA-1 file (HASH:COUNT lines)." };
        var format = new Option<BlocklistFileFormat>("--format")
        {
            Description = "auto (the default: HIBP if the first line is HASH:COUNT), plain or hibp.",
            DefaultValueFactory = _ => BlocklistFileFormat.Auto,
        };
        var command = new Command(
            "import",
            "Build the blocklist filter from FILE into the data directory, replacing the previous import; the shipped list of common passwords stays on as well.")
        {
            file, format,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            var request = new ImportBlocklistCommand(parseResult.GetRequiredValue(file).FullName, parseResult.GetValue(format));
            await using var scope = services.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetRequiredService<ImportBlocklistHandler>();
            var result = await ImportWithProgressAsync(handler, request, error, cancellationToken);
            if (!result.Succeeded)
            {
                return await CliApp.RefuseAsync(error, result.Failure);
            }

            var imported = result.Value;
            var skipped = imported.SkippedLines > 0 ? $" ({imported.SkippedLines} lines skipped: not UTF-8)" : "";
            await parseResult.InvocationConfiguration.Output.WriteLineAsync(
                $"Imported {imported.Entries} entries ({imported.Format.ToString().ToLowerInvariant()}) into {imported.FilterPath}{skipped}.");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// A progress bar on standard error when that is a terminal; redirected or captured output gets none, so scripts and
    /// tests see only the result line and, on refusal, the one <c>code: text</c> line.
    /// </summary>
    private static async Task<Latchkey.Core.Common.Result<ImportedBlocklist>> ImportWithProgressAsync(
        ImportBlocklistHandler handler, ImportBlocklistCommand request, TextWriter error, CancellationToken cancellationToken)
    {
        if (!ReferenceEquals(error, Console.Error) || Console.IsErrorRedirected)
        {
            return await handler.HandleAsync(request, progress: null, cancellationToken);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
        return await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var checking = context.AddTask("Checking", maxValue: 1);
                var writing = context.AddTask("Writing", autoStart: false, maxValue: 1);
                var progress = new SynchronousProgress(report =>
                {
                    var task = report.Phase == ImportBlocklistPhase.Checking ? checking : writing;
                    if (!task.IsStarted)
                    {
                        task.StartTask();
                    }

                    task.MaxValue = Math.Max(1, report.BytesTotal);
                    task.Value = report.BytesDone;
                });
                var result = await handler.HandleAsync(request, progress, cancellationToken);
                checking.StopTask();
                writing.StopTask();
                return result;
            });
    }

    /// <summary>Reports on the importing thread: <see cref="Progress{T}"/> would post to the thread pool and lag behind.</summary>
    private sealed class SynchronousProgress(Action<ImportBlocklistProgress> report) : IProgress<ImportBlocklistProgress>
    {
        public void Report(ImportBlocklistProgress value) => report(value);
    }
}
