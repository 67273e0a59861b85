using System.Data.Common;
using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Latchkey.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Latchkey.Tests.Audit;

/// <summary>Audit events written the way handlers write them, and the store edited the way an attacker would.</summary>
public static class AuditTestData
{
    public static readonly AuditContext Browser = new(null, null, "203.0.113.7", "Mozilla/5.0");

    /// <summary>Adds <paramref name="count"/> events, each in its own unit of work; details are <c>event-1</c>, <c>event-2</c> ….</summary>
    public static async Task AddAsync(CoreTestHost host, int count, string type = AuditEventTypes.SignIn)
    {
        ArgumentNullException.ThrowIfNull(host);
        for (var i = 1; i <= count; i++)
        {
            await using var scope = host.CreateScope();
            scope.ServiceProvider.GetRequiredService<AuditLog>().Add(type, AuditEventTypes.Success, Browser, detail: $"event-{i}");
            await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().SaveChangesAsync();
        }
    }

    public static async Task<AuditChainReport> VerifyAsync(CoreTestHost host, AuditAnchor? anchor = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        await using var scope = host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<VerifyAuditChainHandler>().HandleAsync(anchor);
    }

    /// <summary>
    /// Runs <paramref name="sql"/> on the store over a plain connection of its own, outside Latchkey, after switching
    /// off the append-only triggers: what someone with the database file or a superuser login can do.
    /// </summary>
    public static async Task TamperAsync(TestStore store, string sql)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using DbConnection connection = store.Provider == DatabaseProvider.Postgres
            ? new NpgsqlConnection(store.ConnectionString)
            : new SqliteConnection(store.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = (store.Provider == DatabaseProvider.Postgres
            ? "ALTER TABLE audit_events DISABLE TRIGGER USER; "
            : "DROP TRIGGER IF EXISTS audit_events_no_update; DROP TRIGGER IF EXISTS audit_events_no_delete; DROP TRIGGER IF EXISTS audit_events_insert_chained; ")
            + sql;
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<long> IdOfAsync(TestStore store, long sequence)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using DbConnection connection = store.Provider == DatabaseProvider.Postgres
            ? new NpgsqlConnection(store.ConnectionString)
            : new SqliteConnection(store.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT \"Id\" FROM audit_events WHERE \"Sequence\" = {sequence}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
