using System.CommandLine;
using Latchkey.Core.Access;
using Latchkey.Core.Accounts;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Passwords;

namespace Latchkey.Cli;

/// <summary><c>latchkey accounts passwd EMAIL (--generate | --password-stdin) [--require-change] [--keep-sessions]</c>.</summary>
internal static class AccountsPasswdCommand
{
    public static Command Create(IServiceProvider services, TextReader input)
    {
        var email = new Argument<string>("email") { Description = "The account." };
        var generate = new Option<bool>("--generate") { Description = "Generate a password that meets the domain's policy and print it once." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the new password from the first line of standard input." };
        var requireChange = new Option<bool>("--require-change") { Description = "The user must choose a new password at the next sign-in." };
        var keepSessions = new Option<bool>("--keep-sessions") { Description = "Do not log the account out of all devices." };
        var command = new Command("passwd", "Set an account's password without the old one (the helpdesk reset).") { email, generate, passwordStdin, requireChange, keepSessions };
        command.Validators.Add(result =>
        {
            if (result.GetValue(generate) == result.GetValue(passwordStdin))
            {
                result.AddError("Give exactly one of --generate and --password-stdin.");
            }
        });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            string? password = null;
            if (parseResult.GetValue(passwordStdin))
            {
                password = await input.ReadLineAsync(cancellationToken);
                if (string.IsNullOrEmpty(password))
                {
                    return await CliApp.RefuseAsync(error, new Failure(ErrorCodes.Validation, "No password on standard input."));
                }
            }

            await using var scope = await CliApp.OpenStoreAsync(services, cancellationToken);
            var found = await scope.ServiceProvider.GetRequiredService<FindAccountByEmailHandler>().HandleAsync(parseResult.GetRequiredValue(email), cancellationToken);
            if (!found.Succeeded)
            {
                return await CliApp.RefuseAsync(error, found.Failure);
            }

            var result = await scope.ServiceProvider.GetRequiredService<SetPasswordByAdminHandler>().HandleAsync(
                new SetPasswordByAdminCommand(found.Value.Id, password, parseResult.GetValue(generate), parseResult.GetValue(requireChange), !parseResult.GetValue(keepSessions)),
                Actor.Console, AuditContext.Cli, cancellationToken);
            if (!result.Succeeded)
            {
                return await CliApp.RefuseAsync(error, result.Failure);
            }

            var output = parseResult.InvocationConfiguration.Output;
            await output.WriteLineAsync($"Password set for {result.Value.Email}; {result.Value.SessionsEnded} session(s) ended.");
            if (result.Value.GeneratedPassword is { } generated)
            {
                await output.WriteLineAsync($"Password (shown once): {generated}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
