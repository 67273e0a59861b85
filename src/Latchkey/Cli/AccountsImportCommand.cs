using System.CommandLine;
using Latchkey.Core.Access;
using Latchkey.Core.Accounts;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Spectre.Console;

namespace Latchkey.Cli;

/// <summary><c>latchkey accounts import FILE.csv</c>: bulk creation, idempotent, with a progress bar on a terminal.</summary>
internal static class AccountsImportCommand
{
    public static Command Create(IServiceProvider services)
    {
        var file = new Argument<FileInfo>("file") { Description = "CSV with a header row: email,role,domain,mailbox,password,password_hash (only email is required)." };
        var command = new Command("import", "Create accounts from a CSV file; addresses that exist are skipped, so it can be run again.") { file };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            var path = parseResult.GetRequiredValue(file);
            if (!path.Exists)
            {
                return await CliApp.RefuseAsync(error, new Failure(ErrorCodes.NotFound, $"No file {path.FullName}."));
            }

            var content = await File.ReadAllBytesAsync(path.FullName, cancellationToken);
            var total = content.AsSpan().Count((byte)'\n') - 1;
            await using var scope = await CliApp.OpenStoreAsync(services, cancellationToken);
            var handler = scope.ServiceProvider.GetRequiredService<ImportAccountsHandler>();
            Result<AccountImport> result;
            if (!Console.IsErrorRedirected && ReferenceEquals(error, Console.Error))
            {
                result = null!;
                await AnsiConsole.Progress().StartAsync(async progress =>
                {
                    var task = progress.AddTask("Importing accounts", maxValue: Math.Max(total, 1));
                    result = await handler.HandleAsync(content, Actor.Console, AuditContext.Cli, new Progress<int>(done => task.Value = done), cancellationToken);
                });
            }
            else
            {
                result = await handler.HandleAsync(content, Actor.Console, AuditContext.Cli, null, cancellationToken);
            }

            if (!result.Succeeded)
            {
                return await CliApp.RefuseAsync(error, result.Failure);
            }

            await parseResult.InvocationConfiguration.Output.WriteLineAsync($"Created {result.Value.Created} account(s); {result.Value.Skipped} existed already.");
            return ExitCodes.Success;
        });
        return command;
    }
}
