using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Latchkey.Core.Store;
using Latchkey.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Tests.Audit;

/// <summary>The HMAC-keyed chain (schema version 18): a key outside the database, and what it catches that SHA-256 cannot.</summary>
public sealed class AuditChainKeyTests : IDisposable
{
    private readonly CoreTestHost _host = new();

    private string KeyFile => Path.Combine(_host.Store.DataDirectory, "latchkey.key");

    [Fact]
    public async Task SaveChangesAsync_NewStore_EveryLinkIsAnHmacUnderTheKeyFromTheKeyFile()
    {
        await AuditTestData.AddAsync(_host, 3);

        var events = await EventsAsync(_host);
        var key = AuditChainKey.Derive(await File.ReadAllBytesAsync(KeyFile));
        var keying = await KeyingAsync(_host);

        keying.KeyedFrom.ShouldBe(1);
        events[0].Hash.ShouldBe(AuditChain.ComputeHash(AuditChain.Genesis, events[0], key));
        events[0].Hash.ShouldNotBe(AuditChain.ComputeHash(AuditChain.Genesis, events[0]));
        events[2].Hash.ShouldBe(AuditChain.ComputeHash(events[1].Hash, events[2], key));
        (await AuditTestData.VerifyAsync(_host)).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task HandleAsync_RecordEditedAndWholeChainRecomputedWithoutTheKey_Detected()
    {
        await AuditTestData.AddAsync(_host, 5);

        // Everything an attacker with the database but not the key file can do: edit record 2, relink it and every
        // record after it with the public SHA-256 formula, and move the head anchor along.
        await RewriteUnkeyedAsync(_host, 2, e => e.Detail = "forged");
        var report = await AuditTestData.VerifyAsync(_host);

        report.Break!.Kind.ShouldBe(AuditChainBreakKind.Altered);
        report.Break.Sequence.ShouldBe(2);
        report.Break.Message.ShouldContain("does not match its hash");
        report.Break.Code.ShouldBe("audit_tampered");
    }

    [Fact]
    public async Task HandleAsync_WrongKeyFile_SaysSoAndAppendsAreRefused()
    {
        await AuditTestData.AddAsync(_host, 2);
        File.Move(KeyFile, KeyFile + ".kept");
        await File.WriteAllBytesAsync(KeyFile, new byte[StoreKeyFile.KeyBytes]);
        using var other = new CoreTestHost(store: _host.Store, migrate: false);

        var report = await AuditTestData.VerifyAsync(other);
        var append = await Should.ThrowAsync<StoreUnavailableException>(() => AuditTestData.AddAsync(other, 1));

        report.Break!.Kind.ShouldBe(AuditChainBreakKind.WrongKey);
        report.Break.Code.ShouldBe("audit_key");
        report.Break.Message.ShouldBe(
            $"the key file {KeyFile} is not the one this store's audit chain was keyed with (or the keying row was changed): use the store's own key file (Latchkey:KeyFile)");
        append.Message.ShouldContain("is not the one this store's audit chain was keyed with");
        (await EventsAsync(_host)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task HandleAsync_KeyFileMissing_SaysSoWithoutCreatingOne()
    {
        await AuditTestData.AddAsync(_host, 2);
        File.Move(KeyFile, KeyFile + ".kept");
        using var other = new CoreTestHost(store: _host.Store, migrate: false);

        var report = await AuditTestData.VerifyAsync(other);

        report.Break!.Kind.ShouldBe(AuditChainBreakKind.KeyFileMissing);
        report.Break.Message.ShouldStartWith($"the key file {KeyFile} is missing: the audit chain is keyed from record 1 on and cannot be verified without it.");
        File.Exists(KeyFile).ShouldBeFalse();
    }

    [Fact]
    public async Task HandleAsync_KeyingRowDeleted_Detected()
    {
        await AuditTestData.AddAsync(_host, 2);

        await AuditTestData.TamperAsync(_host.Store, _host.Store.Provider == DatabaseProvider.Postgres
            ? "ALTER TABLE audit_chain_keying DISABLE TRIGGER USER; DELETE FROM audit_chain_keying"
            : "DROP TRIGGER audit_chain_keying_no_delete; DELETE FROM audit_chain_keying");
        var report = await AuditTestData.VerifyAsync(_host);

        report.Break!.Kind.ShouldBe(AuditChainBreakKind.KeyingRemoved);
    }

    [Fact]
    public async Task MigrateAsync_StoreWithAnUnkeyedChain_KeyedFromTheNextRecordAndOldPartStillVerified()
    {
        using var host = new CoreTestHost(migrate: false);
        await using (var scope = host.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().MigrateAsync(targetVersion: 5)).ShouldBe(5);
            var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
            var sqlite = host.Store.Provider == DatabaseProvider.Sqlite;
            object When(DateTimeOffset at) => sqlite ? new DateTimeOffsetToBinaryConverter().ConvertToProvider(at)! : at;
            for (var i = 1; i <= 3; i++)
            {
                await db.Database.ExecuteSqlRawAsync(
                    "INSERT INTO audit_events (\"OccurredAt\", \"Type\", \"Outcome\", \"Ip\", \"Detail\") VALUES ({0}, 'sign_in', 'success', '192.0.2.1', {1})",
                    When(host.Clock.GetUtcNow().AddSeconds(i)), $"legacy-{i}");
            }

            // Version 6 chains them with SHA-256, as every store before version 18 was.
            (await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().MigrateAsync(targetVersion: 17)).ShouldBeLessThan(18);
        }

        await using (var scope = host.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().MigrateAsync();
        }

        await AuditTestData.AddAsync(host, 2);
        var upgraded = await AuditTestData.VerifyAsync(host);
        var keying = await KeyingAsync(host);
        var events = await EventsAsync(host);

        upgraded.Intact.ShouldBeTrue(upgraded.Break?.Message);
        upgraded.Records.ShouldBe(5);
        keying.KeyedFrom.ShouldBe(4);
        events[2].Hash.ShouldBe(AuditChain.ComputeHash(events[1].Hash, events[2]));
        events[3].Hash.ShouldNotBe(AuditChain.ComputeHash(events[2].Hash, events[3]));

        // The old part can still be rewritten with SHA-256 links, but the first keyed link covers the old head.
        await RewriteUnkeyedAsync(host, 2, e => e.Detail = "forged");
        var rewritten = await AuditTestData.VerifyAsync(host);

        rewritten.Break!.Kind.ShouldBe(AuditChainBreakKind.Altered);
        rewritten.Break.Sequence.ShouldBe(4);
        rewritten.Records.ShouldBe(3);
    }

    private static async Task<List<AuditEvent>> EventsAsync(CoreTestHost host)
    {
        await using var scope = host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
    }

    private static async Task<AuditChainKeying> KeyingAsync(CoreTestHost host)
    {
        await using var scope = host.CreateScope();
        return (await AuditChainKeying.ReadAsync(scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>(), CancellationToken.None))!;
    }

    /// <summary>Changes record <paramref name="from"/> and recomputes its link and every later one with plain SHA-256.</summary>
    private static async Task RewriteUnkeyedAsync(CoreTestHost host, long from, Action<AuditEvent> change)
    {
        var events = await EventsAsync(host);
        var previous = from == 1 ? AuditChain.Genesis.ToArray() : events[(int)from - 2].Hash;
        var postgres = host.Store.Provider == DatabaseProvider.Postgres;
        var sql = new System.Text.StringBuilder();
        foreach (var auditEvent in events.Where(e => e.Sequence >= from))
        {
            if (auditEvent.Sequence == from)
            {
                change(auditEvent);
            }

            previous = AuditChain.ComputeHash(previous, auditEvent);
            var hex = AuditChain.ToHex(previous);
            var blob = postgres ? $"decode('{hex}', 'hex')" : $"X'{hex}'";
            sql.Append($"UPDATE audit_events SET \"Detail\" = '{auditEvent.Detail}', \"Hash\" = {blob} WHERE \"Sequence\" = {auditEvent.Sequence}; ");
        }

        await AuditTestData.TamperAsync(host.Store, sql.ToString());
    }

    public void Dispose() => _host.Dispose();
}
