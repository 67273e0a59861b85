using Latchkey.Core.Data;
using Latchkey.Core.Store;
using Latchkey.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Tests.Data;

public sealed class SchemaMigratorTests
{
    [Fact]
    public async Task MigrateAsync_EmptyStore_EveryEntityOfTheModelCanBeQueried()
    {
        using var host = new CoreTestHost();
        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();

        foreach (var entity in db.Model.GetEntityTypes())
        {
            var query = (IQueryable<object>)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!
                .MakeGenericMethod(entity.ClrType).Invoke(db, null)!;
            (await query.Take(1).ToListAsync()).ShouldBeEmpty(entity.DisplayName());
        }

        var newest = SchemaMigrator.ScriptsFor(host.Store.Provider)[^1].Version;
        (await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().CurrentVersionAsync()).ShouldBe(newest);
    }

    [Fact]
    public void ScriptsFor_EachProvider_SameVersionsInOrder()
    {
        var sqlite = SchemaMigrator.ScriptsFor(DatabaseProvider.Sqlite).Select(s => (s.Version, s.Name)).ToList();
        var postgres = SchemaMigrator.ScriptsFor(DatabaseProvider.Postgres).Select(s => (s.Version, s.Name)).ToList();

        sqlite.ShouldNotBeEmpty();
        postgres.ShouldBe(sqlite);
        // Numbers are reserved per feature, so gaps are allowed; each is used once, in increasing order, from 1.
        sqlite[0].Version.ShouldBe(1);
        sqlite.Select(s => s.Version).ShouldBe(sqlite.Select(s => s.Version).Order().Distinct());
    }

    [Fact]
    public async Task MigrateAsync_StoreAtVersion1WithRows_UpgradesAndKeepsEveryRow()
    {
        using var host = new CoreTestHost(migrate: false);
        var accountId = Guid.NewGuid();
        await using (var scope = host.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().MigrateAsync(targetVersion: 1)).ShouldBe(1);
            var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();

            // Rows as version 1 wrote them, in version 1's columns (the current model has more).
            var sqlite = host.Store.Provider == DatabaseProvider.Sqlite;
            object Id(Guid id) => sqlite ? id.ToString().ToUpperInvariant() : id;
            object When(DateTimeOffset at) => sqlite ? new DateTimeOffsetToBinaryConverter().ConvertToProvider(at)! : at;
            var now = host.Clock.GetUtcNow();
            await db.Database.ExecuteSqlRawAsync("INSERT INTO domains (\"Name\", \"CreatedAt\") VALUES ({0}, {1})", "old.example", When(now));
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO accounts (\"Id\", \"Domain\", \"PanelAccess\", \"MailboxAccess\", \"Disabled\", \"MustChangePassword\", \"CreatedAt\", " +
                "\"UserName\", \"NormalizedUserName\", \"Email\", \"NormalizedEmail\", \"EmailConfirmed\", \"SecurityStamp\", \"PhoneNumberConfirmed\", " +
                "\"TwoFactorEnabled\", \"LockoutEnabled\", \"AccessFailedCount\") " +
                "VALUES ({0}, 'old.example', {1}, {1}, {2}, {2}, {3}, 'kept@old.example', 'KEPT@OLD.EXAMPLE', 'kept@old.example', 'KEPT@OLD.EXAMPLE', {1}, 'stamp', {2}, {2}, {1}, 0)",
                Id(accountId), true, false, When(now));
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO role_assignments (\"Id\", \"AccountId\", \"Role\", \"Domain\") VALUES ({0}, {1}, 'Manager', 'old.example')",
                Id(Guid.NewGuid()), Id(accountId));
        }

        await using (var scope = host.CreateScope())
        {
            var migrator = scope.ServiceProvider.GetRequiredService<SchemaMigrator>();
            var version = await migrator.MigrateAsync();

            version.ShouldBe(SchemaMigrator.ScriptsFor(host.Store.Provider)[^1].Version);
            var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
            var kept = await db.Users.Include(a => a.Roles).SingleAsync(a => a.Id == accountId);
            kept.Email.ShouldBe("kept@old.example");
            kept.MailboxAccess.ShouldBeTrue();
            kept.CreatedAt.ShouldBe(host.Clock.GetUtcNow());
            kept.Roles.Single().Role.ShouldBe(Role.Manager);
            var domain = await db.Domains.SingleAsync();
            domain.Name.ShouldBe("old.example");
            domain.PasswordPolicy.ShouldBeNull();
            db.Sessions.Add(new Session { Id = Guid.NewGuid(), AccountId = accountId, TokenHash = new byte[32], Ip = "127.0.0.1", UserAgent = "test" });
            await db.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task MigrateAsync_RunTwice_SecondRunChangesNothing()
    {
        using var host = new CoreTestHost();
        await using var scope = host.CreateScope();
        var migrator = scope.ServiceProvider.GetRequiredService<SchemaMigrator>();
        var first = await migrator.CurrentVersionAsync();

        var second = await migrator.MigrateAsync();

        second.ShouldBe(first);
    }

    [Fact]
    public async Task MigrateAsync_StoreFromNewerLatchkey_RefusesToTouchIt()
    {
        using var host = new CoreTestHost();
        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
        await db.Database.ExecuteSqlRawAsync("INSERT INTO schema_versions (version, name) VALUES (999, 'future')");

        var error = await Should.ThrowAsync<InvalidOperationException>(() => scope.ServiceProvider.GetRequiredService<SchemaMigrator>().MigrateAsync());

        error.Message.ShouldContain("999");
    }

    [Fact]
    public async Task MigrateAsync_TwoNodesAtOnce_BothSucceedAndScriptsRunOnce()
    {
        using var host = new CoreTestHost(migrate: false);

        var versions = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            await using var scope = host.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().MigrateAsync();
        }));

        versions.Distinct().Single().ShouldBe(SchemaMigrator.ScriptsFor(host.Store.Provider)[^1].Version);
    }
}
