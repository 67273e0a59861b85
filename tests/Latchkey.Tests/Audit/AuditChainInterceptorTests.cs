using System.Data.Common;
using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Latchkey.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Tests.Audit;

/// <summary>Appends chain themselves, one at a time and all at once, and the table refuses every other write.</summary>
public sealed class AuditChainInterceptorTests : IDisposable
{
    private readonly CoreTestHost _host = new();

    [Fact]
    public async Task SaveChangesAsync_ManyEventsOneByOne_SequenceWithoutGapsAndChainIntact()
    {
        await AuditTestData.AddAsync(_host, 40);

        var report = await AuditTestData.VerifyAsync(_host);

        report.Intact.ShouldBeTrue(report.Break?.Message);
        report.Records.ShouldBe(40);
        await using var scope = _host.CreateScope();
        var events = await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().AuditEvents.OrderBy(e => e.Sequence).ToListAsync();
        events.Select(e => e.Sequence).ShouldBe(Enumerable.Range(1, 40).Select(i => (long)i));
        report.HeadHash.ShouldBe(AuditChain.ToHex(events[^1].Hash));
    }

    [Fact]
    public async Task SaveChangesAsync_ConcurrentWritersOnTwoNodes_ChainIntact()
    {
        // A second host on the same store is what a second node (PostgreSQL) or the CLI beside the server (SQLite) is.
        using var second = new CoreTestHost(store: _host.Store, migrate: false);
        const int Writers = 8, Rounds = 6;

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            var host = writer % 2 == 0 ? _host : second;
            for (var round = 0; round < Rounds; round++)
            {
                await using var scope = host.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
                var auditLog = scope.ServiceProvider.GetRequiredService<AuditLog>();
                if (round % 3 == 0)
                {
                    auditLog.Add(AuditEventTypes.SignIn, AuditEventTypes.Success, AuditTestData.Browser, detail: $"w{writer}-r{round}");
                    await db.SaveChangesAsync();
                    continue;
                }

                // Like the handlers: a unit of work of its own, two events in one save, and some that roll back.
                await using var transaction = await db.Database.BeginTransactionAsync();
                auditLog.Add(AuditEventTypes.PasswordChanged, AuditEventTypes.Success, AuditTestData.Browser, detail: $"w{writer}-r{round}-a");
                auditLog.Add(AuditEventTypes.SessionsRevoked, AuditEventTypes.Success, AuditTestData.Browser, detail: $"w{writer}-r{round}-b");
                await db.SaveChangesAsync();
                if (round % 3 == 2)
                {
                    await transaction.RollbackAsync();
                }
                else
                {
                    await transaction.CommitAsync();
                }
            }
        })));

        var report = await AuditTestData.VerifyAsync(_host);
        report.Intact.ShouldBeTrue(report.Break?.Message);
        report.Records.ShouldBe(Writers * (2 + (2 * 2)));
    }

    [Fact]
    public async Task SaveChangesAsync_TransactionRolledBack_NextEventTakesTheFreedPlace()
    {
        await AuditTestData.AddAsync(_host, 2);
        await using (var scope = _host.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            scope.ServiceProvider.GetRequiredService<AuditLog>().Add(AuditEventTypes.SignIn, AuditEventTypes.Success, AuditTestData.Browser, detail: "rolled back");
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        await AuditTestData.AddAsync(_host, 1);

        var report = await AuditTestData.VerifyAsync(_host);
        report.Intact.ShouldBeTrue(report.Break?.Message);
        report.Records.ShouldBe(3);
    }

    [Fact]
    public async Task SaveChangesAsync_TrackedEventChanged_ThrowsAndChangesNothing()
    {
        await AuditTestData.AddAsync(_host, 1);
        await using var scope = _host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
        var auditEvent = await db.AuditEvents.SingleAsync();
        auditEvent.Detail = "forged";

        await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.AuditEvents.Remove(auditEvent);
        await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        (await AuditTestData.VerifyAsync(_host)).Intact.ShouldBeTrue();
    }

    [Theory]
    [InlineData("UPDATE audit_events SET \"Detail\" = 'forged'")]
    [InlineData("DELETE FROM audit_events")]
    [InlineData("INSERT INTO audit_events (\"OccurredAt\", \"Type\", \"Outcome\") SELECT \"OccurredAt\", 'sign_in', 'success' FROM audit_events")]
    public async Task Store_WriteAroundTheChain_RefusedByTheTable(string sql)
    {
        await AuditTestData.AddAsync(_host, 2);
        await using var scope = _host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();

        await Should.ThrowAsync<DbException>(() => db.Database.ExecuteSqlRawAsync(sql));

        var report = await AuditTestData.VerifyAsync(_host);
        report.Intact.ShouldBeTrue(report.Break?.Message);
        report.Records.ShouldBe(2);
    }

    /// <summary>PostgreSQL only (SQLite has no TRUNCATE): test.sh runs it in the PostgreSQL pass alone.</summary>
    [Fact]
    [Trait("Provider", "postgres")]
    public async Task Store_TruncateOnPostgres_Refused()
    {
        _host.Store.Provider.ShouldBe(DatabaseProvider.Postgres, "a PostgreSQL-only test: filter with Provider!=postgres on SQLite");
        await AuditTestData.AddAsync(_host, 1);
        await using var scope = _host.CreateScope();

        await Should.ThrowAsync<DbException>(() => scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().Database.ExecuteSqlRawAsync("TRUNCATE audit_events"));
    }

    public void Dispose() => _host.Dispose();
}
