using System.CommandLine;
using Latchkey.Core.Access;
using Latchkey.Core.Accounts;
using Latchkey.Core.Audit;
using Latchkey.Core.TwoFactor;

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
            var found = await scope.ServiceProvider.GetRequiredService<FindAccountByEmailHandler>().HandleAsync(parseResult.GetRequiredValue(email), cancellationToken);
            if (!found.Succeeded)
            {
                return await CliApp.RefuseAsync(parseResult.InvocationConfiguration.Error, found.Failure);
            }

            var result = await scope.ServiceProvider.GetRequiredService<ResetSecondFactorHandler>().HandleAsync(found.Value.Id, Actor.Console, AuditContext.Cli, cancellationToken);
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
