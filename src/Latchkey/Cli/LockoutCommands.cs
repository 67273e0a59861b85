using System.CommandLine;
using Latchkey.Core.Accounts;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Lockout;
using Microsoft.EntityFrameworkCore;

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
            var address = parseResult.GetRequiredValue(email);
            EmailAddress.TryNormalize(address, out var normalized, out _);
            var accountId = await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().Users.AsNoTracking()
                .Where(a => a.Email == normalized).Select(a => (Guid?)a.Id).SingleOrDefaultAsync(cancellationToken);
            if (accountId is null)
            {
                return await CliApp.RefuseAsync(parseResult.InvocationConfiguration.Error, new Failure(ErrorCodes.NotFound, $"No account {address}."));
            }

            var result = await scope.ServiceProvider.GetRequiredService<UnlockAccountHandler>().HandleAsync(accountId.Value, Actor.Console, AuditContext.Cli, cancellationToken);
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
