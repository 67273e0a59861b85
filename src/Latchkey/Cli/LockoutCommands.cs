using System.CommandLine;
using Latchkey.Core.Access;
using Latchkey.Core.Accounts;
using Latchkey.Core.Audit;
using Latchkey.Core.Lockout;

namespace Latchkey.Cli;

internal static class LockoutCommands
{
    /// <summary><c>latchkey accounts unlock EMAIL</c>: the console's unlock button.</summary>
    public static Command CreateUnlock(IServiceProvider services)
    {
        var email = new Argument<string>("email") { Description = "The locked account." };
        var command = new Command("unlock", "Unlock an account locked after failed logins: its next web, IMAP or SMTP login is checked afresh.") { email };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var scope = await CliApp.OpenStoreAsync(services, cancellationToken);
            var found = await scope.ServiceProvider.GetRequiredService<FindAccountByEmailHandler>().HandleAsync(parseResult.GetRequiredValue(email), cancellationToken);
            if (!found.Succeeded)
            {
                return await CliApp.RefuseAsync(parseResult.InvocationConfiguration.Error, found.Failure);
            }

            var result = await scope.ServiceProvider.GetRequiredService<UnlockAccountHandler>().HandleAsync(found.Value.Id, Actor.Console, AuditContext.Cli, cancellationToken);
            if (!result.Succeeded)
            {
                return await CliApp.RefuseAsync(parseResult.InvocationConfiguration.Error, result.Failure);
            }

            await parseResult.InvocationConfiguration.Output.WriteLineAsync(result.Value.WasLocked
                ? $"Unlocked {result.Value.Email}."
                : $"{result.Value.Email} was not locked; its failure counters start over.");
            return ExitCodes.Success;
        });
        return command;
    }
}
