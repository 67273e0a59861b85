using System.CommandLine;
using Latchkey.Core.Mailboxes;

namespace Latchkey.Cli;

internal static class DovecotCommands
{
    public static Command Create(IServiceProvider services) => new("dovecot", "Connect Dovecot (IMAP, SMTP submission) to Latchkey.")
    {
        CreateConfig(services),
    };

    private static Command CreateConfig(IServiceProvider services)
    {
        var output = new Option<string>("--out") { Description = "The folder to write dovecot.conf and its SQL files into.", Required = true };
        var listen = new Option<string?>("--listen") { Description = "Addresses Dovecot listens on (default 127.0.0.1; '*, ::' for all)." };
        var imapPort = new Option<int?>("--imap-port") { Description = "IMAP port (default 143 as root, else 1143)." };
        var submissionPort = new Option<int?>("--submission-port") { Description = "SMTP submission port (default 587 as root, else 1587)." };
        var policyUrl = new Option<string?>("--policy-url") { Description = "Where Dovecot reaches Latchkey's policy endpoint (default: this server's address)." };
        var mailUser = new Option<string?>("--mail-user") { Description = "System user owning the mail (default: you; as root vmail, else nobody)." };
        var newSecret = new Option<bool>("--new-secret") { Description = "Generate a new policy secret, nonce and doveadm API key; Dovecots with the old ones are refused by the policy endpoint." };
        var doveadmPort = new Option<int?>("--doveadm-port") { Description = "Port of Dovecot's doveadm HTTP API on 127.0.0.1, which Latchkey calls to close a user's mail connections (default 8091)." };
        var command = new Command("config", "Write a complete Dovecot 2.3 configuration for this store: run it with dovecot -F -c DIR/dovecot.conf.")
        {
            output, listen, imapPort, submissionPort, policyUrl, mailUser, newSecret, doveadmPort,
        };
        command.Validators.Add(result =>
        {
            foreach (var port in new[] { imapPort, submissionPort, doveadmPort })
            {
                if (result.GetValue(port) is < 1 or > 65535)
                {
                    result.AddError($"{port.Name} must be a port number, 1 to 65535.");
                }
            }
        });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var scope = await CliApp.OpenStoreAsync(services, cancellationToken);
            var config = await scope.ServiceProvider.GetRequiredService<WriteDovecotConfigHandler>().HandleAsync(
                new DovecotConfigRequest(
                    parseResult.GetRequiredValue(output),
                    parseResult.GetValue(listen),
                    parseResult.GetValue(imapPort),
                    parseResult.GetValue(submissionPort),
                    parseResult.GetValue(policyUrl),
                    parseResult.GetValue(mailUser),
                    parseResult.GetValue(newSecret),
                    parseResult.GetValue(doveadmPort)),
                cancellationToken);
            var main = Path.Combine(config.Directory, DovecotConfig.MainFile);
            var writer = parseResult.InvocationConfiguration.Output;
            await writer.WriteLineAsync($"Wrote {main} for the {config.Store.Driver} store (IMAP on {config.Listen}:{config.ImapPort}, submission on {config.Listen}:{config.SubmissionPort}).");
            await writer.WriteLineAsync($"Policy endpoint: {config.PolicyUrl} (secret and nonce kept in the store; the files are readable by their owner only).");
            await writer.WriteLineAsync($"doveadm HTTP API: {config.DoveadmUrl} (Latchkey closes mail connections through it).");
            await writer.WriteLineAsync($"Start Dovecot with: dovecot -F -c {main}");
            return ExitCodes.Success;
        });
        return command;
    }
}
