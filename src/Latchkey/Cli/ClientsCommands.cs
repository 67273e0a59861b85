using System.CommandLine;
using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Oidc;

namespace Latchkey.Cli;

internal static class ClientsCommands
{
    public static Command Create(IServiceProvider services)
    {
        var name = new Option<string>("--name") { Description = "The app's name, shown on the consent screen.", Required = true };
        var redirect = new Option<string[]>("--redirect-uri") { Description = "Where the app receives codes (repeatable).", Required = true };
        var postLogout = new Option<string?>("--post-logout-redirect-uri") { Description = "Where the app wants users sent after logout." };
        var backchannel = new Option<string?>("--backchannel-logout-uri") { Description = "Where Latchkey POSTs logout tokens (Back-Channel Logout 1.0)." };
        var firstParty = new Option<bool>("--first-party") { Description = "Your own app: no consent screen." };
        var add = new Command("add", "Register an OpenID Connect client; prints its client id and secret once.") { name, redirect, postLogout, backchannel, firstParty };
        add.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var scope = await CliApp.OpenStoreAsync(services, cancellationToken);
            var result = await scope.ServiceProvider.GetRequiredService<RegisterClientHandler>().HandleAsync(
                new RegisterClientCommand(
                    parseResult.GetRequiredValue(name), parseResult.GetRequiredValue(redirect), parseResult.GetValue(postLogout), parseResult.GetValue(backchannel), parseResult.GetValue(firstParty)),
                Actor.Console,
                AuditContext.Cli,
                cancellationToken);
            if (!result.Succeeded)
            {
                return await CliApp.RefuseAsync(parseResult.InvocationConfiguration.Error, result.Failure);
            }

            var output = parseResult.InvocationConfiguration.Output;
            await output.WriteLineAsync($"client_id: {result.Value.ClientId}");
            await output.WriteLineAsync($"client_secret: {result.Value.ClientSecret}");
            await output.WriteLineAsync("# The secret is shown once. Discovery: <issuer>/.well-known/openid-configuration");
            return ExitCodes.Success;
        });
        return new Command("clients", "OpenID Connect clients (apps that sign users in through Latchkey).") { add };
    }
}
