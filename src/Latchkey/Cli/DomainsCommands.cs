using System.CommandLine;
using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Domains;

namespace Latchkey.Cli;

internal static class DomainsCommands
{
    public static Command Create(IServiceProvider services) => new("domains", "Manage the domains Latchkey serves.")
    {
        CreateAdd(services),
        CreateList(services),
    };

    private static Command CreateAdd(IServiceProvider services)
    {
        var name = new Argument<string>("name") { Description = "The domain, e.g. example.com." };
        var command = new Command("add", "Add a domain.") { name };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var scope = await CliApp.OpenStoreAsync(services, cancellationToken);
            var result = await scope.ServiceProvider.GetRequiredService<CreateDomainHandler>()
                .HandleAsync(parseResult.GetRequiredValue(name), Actor.Console, AuditContext.Cli, cancellationToken);
            if (!result.Succeeded)
            {
                return await CliApp.RefuseAsync(parseResult.InvocationConfiguration.Error, result.Failure);
            }

            await parseResult.InvocationConfiguration.Output.WriteLineAsync($"Added domain {result.Value.Name}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateList(IServiceProvider services)
    {
        var command = new Command("list", "List the domains with their number of accounts (tab-separated).");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var scope = await CliApp.OpenStoreAsync(services, cancellationToken);
            var domains = await scope.ServiceProvider.GetRequiredService<ListDomainsHandler>().HandleAsync(Actor.Console, cancellationToken);
            if (!domains.Succeeded)
            {
                return await CliApp.RefuseAsync(parseResult.InvocationConfiguration.Error, domains.Failure);
            }

            var output = parseResult.InvocationConfiguration.Output;
            foreach (var domain in domains.Value)
            {
                await output.WriteLineAsync($"{domain.Name}\t{domain.Accounts}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
