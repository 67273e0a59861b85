using System.CommandLine;
using Latchkey.Core.Accounts;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.TwoFactor;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Cli;

internal static class TwoFactorCommands
{
    /// <summary><c>latchkey accounts reset-2fa EMAIL</c>: the console's <em>Reset second factor</em>.</summary>
    public static Command CreateReset(IServiceProvider services)
    {
        var email = new Argument<string>("email") { Description = "The account that lost its second factor." };
        var command = new Command("reset-2fa", "Remove every second factor (authenticator app, passkeys, recovery codes) of an account, end its sessions and e-mail it.") { email };
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

            var result = await scope.ServiceProvider.GetRequiredService<ResetSecondFactorHandler>().HandleAsync(accountId.Value, Actor.Console, AuditContext.Cli, cancellationToken);
            if (!result.Succeeded)
            {
                return await CliApp.RefuseAsync(parseResult.InvocationConfiguration.Error, result.Failure);
            }

            await parseResult.InvocationConfiguration.Output.WriteLineAsync($"Every second factor of {result.Value.Email} was removed; its sessions ended and it was e-mailed.");
            return ExitCodes.Success;
        });
        return command;
    }
}
