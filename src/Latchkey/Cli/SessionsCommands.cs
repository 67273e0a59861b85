using System.CommandLine;
using Latchkey.Core.Access;
using Latchkey.Core.Accounts;
using Latchkey.Core.Audit;

namespace Latchkey.Cli;

internal static class SessionsCommands
{
    public static Command Create(IServiceProvider services)
    {
        var email = new Argument<string>("email") { Description = "The account whose sessions end." };
        var revoke = new Command("revoke", "Log the account out of all devices: every session ends on its next request.") { email };
        revoke.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var scope = await CliApp.OpenStoreAsync(services, cancellationToken);
            var found = await scope.ServiceProvider.GetRequiredService<FindAccountByEmailHandler>().HandleAsync(parseResult.GetRequiredValue(email), cancellationToken);
            if (!found.Succeeded)
            {
                return await CliApp.RefuseAsync(parseResult.InvocationConfiguration.Error, found.Failure);
            }

            var ended = await scope.ServiceProvider.GetRequiredService<RevokeAllSessionsHandler>()
                .HandleAsync(found.Value.Id, null, Actor.Console, AuditContext.Cli, cancellationToken);
            if (!ended.Succeeded)
            {
                return await CliApp.RefuseAsync(parseResult.InvocationConfiguration.Error, ended.Failure);
            }

            await parseResult.InvocationConfiguration.Output.WriteLineAsync($"Ended {ended.Value} session(s) of {found.Value.Email}.");
            return ExitCodes.Success;
        });
        return new Command("sessions", "Manage sign-in sessions.") { revoke };
    }
}
