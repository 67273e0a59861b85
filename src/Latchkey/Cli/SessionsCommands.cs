using System.CommandLine;
using Latchkey.Core.Accounts;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Sessions;
using Microsoft.EntityFrameworkCore;

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
            var address = parseResult.GetRequiredValue(email);
            EmailAddress.TryNormalize(address, out var normalized, out _);
            var account = await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().Users.AsNoTracking()
                .SingleOrDefaultAsync(a => a.Email == normalized, cancellationToken);
            if (account is null)
            {
                return await CliApp.RefuseAsync(parseResult.InvocationConfiguration.Error, new Failure(ErrorCodes.NotFound, $"No account {address}."));
            }

            var ended = await scope.ServiceProvider.GetRequiredService<RevokeAllSessionsHandler>()
                .HandleAsync(account.Id, account.Email, null, AuditContext.Cli, cancellationToken);
            await parseResult.InvocationConfiguration.Output.WriteLineAsync($"Ended {ended} session(s) of {account.Email}.");
            return ExitCodes.Success;
        });
        return new Command("sessions", "Manage sign-in sessions.") { revoke };
    }
}
