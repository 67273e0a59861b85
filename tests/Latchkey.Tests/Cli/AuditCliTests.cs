using Latchkey.Cli;
using Latchkey.Tests.Audit;
using Latchkey.Tests.Infrastructure;

namespace Latchkey.Tests.Cli;

/// <summary><c>latchkey audit verify</c> through the real command tree, against a store edited with raw SQL.</summary>
public sealed class AuditCliTests : IDisposable
{
    private readonly TestStore _store = TestStore.Create();
    private bool _migrated;

    [Fact]
    public async Task AuditVerify_IntactLog_Exit0WithCountAndHead()
    {
        await AddEventsAsync(3);

        var (exitCode, output, error) = await RunAsync(["audit", "verify"]);

        exitCode.ShouldBe(ExitCodes.Success, error);
        output.ShouldContain("The audit log is intact: 3 records.");
        output.ShouldMatch(@"(?m)^Head: 3:[0-9a-f]{64}$");
    }

    [Fact]
    public async Task AuditVerify_RowEditedInTheDatabaseFile_Exit1NamingTheRecord()
    {
        await AddEventsAsync(4);
        var id = await AuditTestData.IdOfAsync(_store, 2);

        await AuditTestData.TamperAsync(_store, "UPDATE audit_events SET \"Detail\" = 'nothing.to.see' WHERE \"Sequence\" = 2");
        var (exitCode, output, error) = await RunAsync(["audit", "verify"]);

        exitCode.ShouldBe(ExitCodes.Refused);
        output.ShouldBeEmpty();
        error.ShouldStartWith($"audit_tampered: record 2 (id {id}) does not match its hash");
    }

    [Fact]
    public async Task AuditVerify_RowDeleted_Exit1NamingTheMissingRecord()
    {
        await AddEventsAsync(4);

        await AuditTestData.TamperAsync(_store, "DELETE FROM audit_events WHERE \"Sequence\" = 3");
        var (exitCode, _, error) = await RunAsync(["audit", "verify"]);

        exitCode.ShouldBe(ExitCodes.Refused);
        error.ShouldStartWith("audit_tampered: record 3 is missing");
    }

    [Fact]
    public async Task AuditVerify_AnchorFromAnEarlierRun_CatchesTheNewestRecordsCutOff()
    {
        await AddEventsAsync(2);
        var head = (await RunAsync(["audit", "verify"])).Output.Split('\n').Single(l => l.StartsWith("Head: ", StringComparison.Ordinal))["Head: ".Length..].Trim();
        await AddEventsAsync(2);

        await AuditTestData.TamperAsync(_store, "DELETE FROM audit_events WHERE \"Sequence\" >= 2");
        var plain = await RunAsync(["audit", "verify"]);
        var anchored = await RunAsync(["audit", "verify", "--anchor", head]);

        plain.ExitCode.ShouldBe(ExitCodes.Success);
        anchored.ExitCode.ShouldBe(ExitCodes.Refused);
        anchored.Error.ShouldStartWith("audit_tampered: record 2 is missing: the anchor names it");
    }

    [Fact]
    public async Task AuditVerify_MalformedAnchor_UsageError()
    {
        var (exitCode, _, error) = await RunAsync(["audit", "verify", "--anchor", "nonsense"]);

        exitCode.ShouldBe(ExitCodes.Usage);
        error.ShouldContain("SEQUENCE:HASH");
    }

    /// <summary>Each <c>domains add</c> records one event, written by the CLI process as any admin verb does.</summary>
    private async Task AddEventsAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var (exitCode, _, error) = await RunAsync(["domains", "add", $"d{Guid.NewGuid():N}.example"]);
            exitCode.ShouldBe(ExitCodes.Success, error);
        }
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args)
    {
        if (!_migrated && args is not ["migrate", ..])
        {
            (await CliApp.RunAsync(["migrate"], TextReader.Null, TextWriter.Null, TextWriter.Null, _store.Settings)).ShouldBe(ExitCodes.Success);
            _migrated = true;
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApp.RunAsync(args, new StringReader(""), output, error, _store.Settings);
        return (exitCode, output.ToString(), error.ToString());
    }

    public void Dispose() => _store.Dispose();
}
