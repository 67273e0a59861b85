using System.CommandLine;
using Latchkey.Core.Accounts;
using Latchkey.Core.Audit;
using Latchkey.Core.Tokens;

namespace Latchkey.Cli;

internal static class TokensCommands
{
    public static Command Create(IServiceProvider services)
    {
        var email = new Option<string>("--email") { Description = "The account the token acts as.", Required = true };
        var name = new Option<string>("--name") { Description = "What the token is for (the script or app).", Required = true };
        var scope = new Option<string[]>("--scope")
        {
            Description = "account, accounts:read, accounts:write or audit:read; repeat or list several.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var expires = new Option<int?>("--expires") { Description = "Days until it expires (default 90, at most 365)." };
        var create = new Command("create", "Create a personal API token and print it once (Authorization: Bearer …).") { email, name, scope, expires };
        create.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var scope2 = await CliApp.OpenStoreAsync(services, cancellationToken);
            var found = await scope2.ServiceProvider.GetRequiredService<FindAccountByEmailHandler>().HandleAsync(parseResult.GetRequiredValue(email), cancellationToken);
            if (!found.Succeeded)
            {
                return await CliApp.RefuseAsync(parseResult.InvocationConfiguration.Error, found.Failure);
            }

            var account = found.Value;

            var result = await scope2.ServiceProvider.GetRequiredService<CreateApiTokenHandler>().HandleAsync(
                new CreateApiTokenCommand(account.Id, parseResult.GetRequiredValue(name), parseResult.GetRequiredValue(scope), parseResult.GetValue(expires)),
                AuditContext.Cli,
                cancellationToken);
            if (!result.Succeeded)
            {
                return await CliApp.RefuseAsync(parseResult.InvocationConfiguration.Error, result.Failure);
            }

            var output = parseResult.InvocationConfiguration.Output;
            await output.WriteLineAsync(result.Value.Secret);
            await output.WriteLineAsync(
                $"# {result.Value.Token.Name} for {account.Email}: {string.Join(' ', result.Value.Token.Scopes)}, expires {result.Value.Token.ExpiresAt:yyyy-MM-dd}. Shown once.");
            return ExitCodes.Success;
        });
        return new Command("tokens", "Personal API tokens.") { create };
    }
}
