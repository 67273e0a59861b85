using Latchkey.Core.Data;
using Latchkey.Core.Store;
using Latchkey.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Tests.Audit;

public sealed class AuditChainMigrationTests
{
    [Fact]
    public async Task MigrateAsync_StoreWithEventsFromBeforeTheChain_ChainsThemInIdOrder()
    {
        using var host = new CoreTestHost(migrate: false);
        var actor = Guid.NewGuid();
        await using (var scope = host.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().MigrateAsync(targetVersion: 5)).ShouldBe(5);
            var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();

            // Rows as version 5 wrote them: no sequence, no hash, times finer than a millisecond.
            var sqlite = host.Store.Provider == DatabaseProvider.Sqlite;
            object Id(Guid id) => sqlite ? id.ToString().ToUpperInvariant() : id;
            object When(DateTimeOffset at) => sqlite ? new DateTimeOffsetToBinaryConverter().ConvertToProvider(at)! : at;
            for (var i = 1; i <= 3; i++)
            {
                await db.Database.ExecuteSqlRawAsync(
                    "INSERT INTO audit_events (\"OccurredAt\", \"Type\", \"Outcome\", \"ActorId\", \"ActorEmail\", \"TargetId\", \"TargetEmail\", \"Ip\", \"UserAgent\", \"Detail\") " +
                    "VALUES ({0}, 'sign_in', 'success', {1}, 'old@example.com', NULL, NULL, '192.0.2.1', 'Old Browser', {2})",
                    When(host.Clock.GetUtcNow().AddTicks((i * 10_000) + 5_000)), Id(actor), $"legacy-{i}");
            }
        }

        await using (var scope = host.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().MigrateAsync();
        }

        await AuditTestData.AddAsync(host, 1);

        var report = await AuditTestData.VerifyAsync(host);
        report.Intact.ShouldBeTrue(report.Break?.Message);
        report.Records.ShouldBe(4);
        await using var check = host.CreateScope();
        var events = await check.ServiceProvider.GetRequiredService<LatchkeyDbContext>().AuditEvents.OrderBy(e => e.Sequence).ToListAsync();
        events.Select(e => e.Detail).ShouldBe(["legacy-1", "legacy-2", "legacy-3", "event-1"]);
        events.Select(e => e.Id).ShouldBeInOrder();
        events[0].ActorId.ShouldBe(actor);
    }
}
