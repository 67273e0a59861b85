using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Latchkey.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Tests.Audit;

/// <summary>Verification against a store someone edited behind Latchkey's back, with raw SQL on the database itself.</summary>
public sealed class VerifyAuditChainHandlerTests : IDisposable
{
    private readonly CoreTestHost _host = new();

    [Fact]
    public async Task HandleAsync_EmptyLog_IntactWithNoHead()
    {
        var report = await AuditTestData.VerifyAsync(_host);

        report.Intact.ShouldBeTrue();
        report.Records.ShouldBe(0);
        report.HeadHash.ShouldBeNull();
    }

    [Fact]
    public async Task HandleAsync_FieldEditedInTheDatabase_ReportsThatRecord()
    {
        await AuditTestData.AddAsync(_host, 7);
        var id = await AuditTestData.IdOfAsync(_host.Store, 4);

        await AuditTestData.TamperAsync(_host.Store, "UPDATE audit_events SET \"Ip\" = '198.51.100.1' WHERE \"Sequence\" = 4");
        var report = await AuditTestData.VerifyAsync(_host);

        report.Intact.ShouldBeFalse();
        report.Break!.Kind.ShouldBe(AuditChainBreakKind.Altered);
        report.Break.Sequence.ShouldBe(4);
        report.Break.Id.ShouldBe(id);
        report.Break.Message.ShouldStartWith($"record 4 (id {id}) does not match its hash");
        report.Records.ShouldBe(3);
    }

    [Fact]
    public async Task HandleAsync_RecordDeleted_ReportsTheGap()
    {
        await AuditTestData.AddAsync(_host, 6);

        await AuditTestData.TamperAsync(_host.Store, "DELETE FROM audit_events WHERE \"Sequence\" = 3");
        var report = await AuditTestData.VerifyAsync(_host);

        report.Break!.Kind.ShouldBe(AuditChainBreakKind.Missing);
        report.Break.Sequence.ShouldBe(3);
        report.Break.Id.ShouldBeNull();
        report.Break.Message.ShouldStartWith("record 3 is missing: after record 2 comes record 4");
    }

    [Fact]
    public async Task HandleAsync_EditedRecordGivenItsRecomputedUnkeyedHash_CaughtAtThatRecord()
    {
        await AuditTestData.AddAsync(_host, 5);
        List<AuditEvent> events;
        await using (var scope = _host.CreateScope())
        {
            events = await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
        }

        // Someone who knows the format, but not the key, rewrites record 3 and gives it the SHA-256 link of version 6.
        var forged = events[2];
        forged.Detail = "forged";
        var hex = AuditChain.ToHex(AuditChain.ComputeHash(events[1].Hash, forged));
        var blob = _host.Store.Provider == DatabaseProvider.Postgres ? $"decode('{hex}', 'hex')" : $"X'{hex}'";
        await AuditTestData.TamperAsync(_host.Store, $"UPDATE audit_events SET \"Detail\" = 'forged', \"Hash\" = {blob} WHERE \"Sequence\" = 3");
        var report = await AuditTestData.VerifyAsync(_host);

        report.Break!.Kind.ShouldBe(AuditChainBreakKind.Altered);
        report.Break.Sequence.ShouldBe(3);
        report.Break.Id.ShouldBe(events[2].Id);
        report.Records.ShouldBe(2);
    }

    [Fact]
    public async Task HandleAsync_NewestRecordsCutOff_OnlyTheAnchorTells()
    {
        await AuditTestData.AddAsync(_host, 5);
        var head = await AuditTestData.VerifyAsync(_host);
        var anchor = new AuditAnchor(head.HeadSequence, head.HeadHash!);

        await AuditTestData.TamperAsync(_host.Store, "DELETE FROM audit_events WHERE \"Sequence\" >= 4");
        var withoutAnchor = await AuditTestData.VerifyAsync(_host);
        var withAnchor = await AuditTestData.VerifyAsync(_host, anchor);

        withoutAnchor.Intact.ShouldBeTrue();
        withoutAnchor.Records.ShouldBe(3);
        withAnchor.Break!.Kind.ShouldBe(AuditChainBreakKind.Missing);
        withAnchor.Break.Sequence.ShouldBe(5);
        withAnchor.Break.Message.ShouldBe("record 5 is missing: the anchor names it, but the log ends at record 3");
    }

    [Fact]
    public async Task HandleAsync_AnchorWithOtherHash_ReportsTheRewrite()
    {
        await AuditTestData.AddAsync(_host, 3);
        var anchor = new AuditAnchor(2, new string('a', 64));

        var report = await AuditTestData.VerifyAsync(_host, anchor);

        report.Break!.Kind.ShouldBe(AuditChainBreakKind.AnchorMismatch);
        report.Break.Sequence.ShouldBe(2);
    }

    [Fact]
    public async Task HandleAsync_RecordStrippedOfItsHash_ReportedAsUnchained()
    {
        await AuditTestData.AddAsync(_host, 3);
        var id = await AuditTestData.IdOfAsync(_host.Store, 2);

        await AuditTestData.TamperAsync(_host.Store, "UPDATE audit_events SET \"Hash\" = NULL WHERE \"Sequence\" = 2");
        var report = await AuditTestData.VerifyAsync(_host);

        report.Break!.Kind.ShouldBe(AuditChainBreakKind.Unchained);
        report.Break.Id.ShouldBe(id);
    }

    [Theory]
    [InlineData("12:" + "ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12", true)]
    [InlineData("12:" + "AB12AB12AB12AB12AB12AB12AB12AB12AB12AB12AB12AB12AB12AB12AB12AB12", true)]
    [InlineData("0:" + "ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12", false)]
    [InlineData("12:ab12", false)]
    [InlineData("12", false)]
    [InlineData("x:" + "ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12", false)]
    public void AuditAnchor_TryParse_AcceptsOnlySequenceColonHash(string text, bool valid)
    {
        AuditAnchor.TryParse(text, out var anchor).ShouldBe(valid);
        if (valid)
        {
            anchor!.ToString().ShouldBe(text.ToLowerInvariant());
        }
    }

    public void Dispose() => _host.Dispose();
}
