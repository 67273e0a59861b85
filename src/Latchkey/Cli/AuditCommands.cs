using System.CommandLine;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;

namespace Latchkey.Cli;

internal static class AuditCommands
{
    public static Command Create(IServiceProvider services) => new("audit", "Check the audit log.")
    {
        CreateVerify(services),
    };

    /// <summary>
    /// Exit 0 and the record count and head when the chain holds; exit 1 and <c>audit_tampered: …</c> naming the first
    /// changed, missing or unchained record when it does not.
    /// </summary>
    private static Command CreateVerify(IServiceProvider services)
    {
        var anchorOption = new Option<string?>("--anchor")
        {
            Description = "A head printed by an earlier run (SEQUENCE:HASH): also check that record is still there, unchanged.",
        };
        var command = new Command("verify", "Recompute the audit log's hash chain and report the first changed or missing record.") { anchorOption };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            AuditAnchor? anchor = null;
            if (parseResult.GetValue(anchorOption) is { } anchorText && !AuditAnchor.TryParse(anchorText, out anchor))
            {
                await error.WriteLineAsync("latchkey: --anchor takes SEQUENCE:HASH as `latchkey audit verify` prints it (64 hex digits).");
                return ExitCodes.Usage;
            }

            await using var scope = await CliApp.OpenStoreAsync(services, cancellationToken);
            var report = await scope.ServiceProvider.GetRequiredService<VerifyAuditChainHandler>().HandleAsync(anchor, cancellationToken);
            if (report.Break is { } chainBreak)
            {
                return await CliApp.RefuseAsync(error, new Failure(chainBreak.Code, chainBreak.Message));
            }

            var output = parseResult.InvocationConfiguration.Output;
            await output.WriteLineAsync(report.Records == 1 ? "The audit log is intact: 1 record." : $"The audit log is intact: {report.Records} records.");
            if (report.HeadHash is not null)
            {
                await output.WriteLineAsync($"Head: {new AuditAnchor(report.HeadSequence, report.HeadHash)}");
                await output.WriteLineAsync("Keep the head somewhere else; `latchkey audit verify --anchor <head>` later proves nothing up to it was cut off or rewritten.");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
