using System.CommandLine;
using Latchkey.Core.Access;
using Latchkey.Core.Accounts;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Helpdesk;

namespace Latchkey.Cli;

internal static class AccountsCommands
{
    public static Command Create(IServiceProvider services, TextReader input) => new("accounts", "Manage accounts.")
    {
        CreateAdd(services, input),
        CreateList(services),
        AccountsPasswdCommand.Create(services, input),
        AccountsImportCommand.Create(services),
        CreateSetDisabled(services, "disable", disabled: true),
        CreateSetDisabled(services, "enable", disabled: false),
        LockoutCommands.CreateUnlock(services),
        TwoFactorCommands.CreateReset(services),
    };

    private static Command CreateSetDisabled(IServiceProvider services, string name, bool disabled)
    {
        var email = new Argument<string>("email") { Description = "The account." };
        var command = new Command(name, disabled ? "Disable an account: it cannot sign in and its sessions end at once." : "Enable a disabled account.") { email };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var scope = await CliApp.OpenStoreAsync(services, cancellationToken);
            var found = await scope.ServiceProvider.GetRequiredService<FindAccountByEmailHandler>().HandleAsync(parseResult.GetRequiredValue(email), cancellationToken);
            if (!found.Succeeded)
            {
                return await CliApp.RefuseAsync(parseResult.InvocationConfiguration.Error, found.Failure);
            }

            var result = await scope.ServiceProvider.GetRequiredService<SetAccountDisabledHandler>()
                .HandleAsync(found.Value.Id, disabled, Actor.Console, AuditContext.Cli, cancellationToken);
            if (!result.Succeeded)
            {
                return await CliApp.RefuseAsync(parseResult.InvocationConfiguration.Error, result.Failure);
            }

            await parseResult.InvocationConfiguration.Output.WriteLineAsync($"{(disabled ? "Disabled" : "Enabled")} {result.Value.Email}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateAdd(IServiceProvider services, TextReader input)
    {
        var email = new Option<string>("--email") { Description = "The address, which is the user name.", Required = true };
        var role = new Option<Role>("--role") { Description = "User, Operator, Manager or Administrator.", Required = true };
        var domain = new Option<string?>("--domain") { Description = "The domain an Operator or Manager acts in." };
        var mailbox = new Option<bool>("--mailbox") { Description = "Give the account a mailbox (IMAP and SMTP)." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input." };
        var generate = new Option<bool>("--generate") { Description = "Generate a password and print it once." };
        var command = new Command("add", "Create an account. Without --password-stdin or --generate it has no password until reset.")
        {
            email, role, domain, mailbox, passwordStdin, generate,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(passwordStdin) && result.GetValue(generate))
            {
                result.AddError("Give --password-stdin or --generate, not both.");
            }
        });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            string? password = null;
            if (parseResult.GetValue(passwordStdin))
            {
                password = await input.ReadLineAsync(cancellationToken);
                if (string.IsNullOrEmpty(password))
                {
                    return await CliApp.RefuseAsync(parseResult.InvocationConfiguration.Error, new Failure(ErrorCodes.Validation, "No password on standard input."));
                }
            }

            await using var scope = await CliApp.OpenStoreAsync(services, cancellationToken);
            var result = await scope.ServiceProvider.GetRequiredService<CreateAccountHandler>().HandleAsync(
                new CreateAccountCommand(
                    parseResult.GetRequiredValue(email),
                    parseResult.GetValue(role),
                    parseResult.GetValue(domain),
                    parseResult.GetValue(mailbox),
                    password,
                    parseResult.GetValue(generate)),
                Actor.Console,
                AuditContext.Cli,
                cancellationToken);
            if (!result.Succeeded)
            {
                return await CliApp.RefuseAsync(parseResult.InvocationConfiguration.Error, result.Failure);
            }

            var output = parseResult.InvocationConfiguration.Output;
            var account = result.Value.Account;
            await output.WriteLineAsync($"Created {account.Email} ({string.Join(", ", account.Roles.Select(Describe))}).");
            if (result.Value.GeneratedPassword is { } generated)
            {
                await output.WriteLineAsync($"Password (shown once): {generated}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateList(IServiceProvider services)
    {
        var domain = new Option<string?>("--domain") { Description = "Only this domain." };
        var search = new Option<string?>("--search") { Description = "Only addresses containing this text." };
        var command = new Command("list", "List accounts: address, roles, flags (tab-separated).") { domain, search };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var scope = await CliApp.OpenStoreAsync(services, cancellationToken);
            var handler = scope.ServiceProvider.GetRequiredService<ListAccountsHandler>();
            var output = parseResult.InvocationConfiguration.Output;
            for (var page = 1; ; page++)
            {
                var result = await handler.HandleAsync(
                    new ListAccountsQuery(parseResult.GetValue(domain), parseResult.GetValue(search), Page: page, PageSize: ListAccountsHandler.MaxPageSize),
                    Actor.Console,
                    cancellationToken);
                if (!result.Succeeded)
                {
                    return await CliApp.RefuseAsync(parseResult.InvocationConfiguration.Error, result.Failure);
                }

                foreach (var account in result.Value.Items)
                {
                    await output.WriteLineAsync($"{account.Email}\t{string.Join(",", account.Roles.Select(r => r.Domain is null ? r.Role : $"{r.Role}@{r.Domain}"))}\t{Flags(account)}");
                }

                if (page * ListAccountsHandler.MaxPageSize >= result.Value.Total)
                {
                    return ExitCodes.Success;
                }
            }
        });
        return command;
    }

    private static string Describe(RoleAssignment role) => role.Domain is null ? role.Role.ToString() : $"{role.Role} in {role.Domain}";

    private static string Flags(AccountView account)
    {
        var flags = new List<string>();
        if (account.PanelAccess)
        {
            flags.Add("panel");
        }

        if (account.MailboxAccess)
        {
            flags.Add("mailbox");
        }

        if (account.Disabled)
        {
            flags.Add("disabled");
        }

        if (account.Locked)
        {
            flags.Add("locked");
        }

        if (account.MustChangePassword)
        {
            flags.Add("must-change-password");
        }

        return string.Join(",", flags);
    }
}
