using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Latchkey.Core.Store;

/// <summary>
/// Brings the store to the newest schema by running the numbered scripts embedded under
/// <c>Data/Sql/&lt;Provider&gt;/NNNN_name.sql</c> that the journal table <c>schema_versions</c> does not list yet.
/// </summary>
/// <remarks>
/// Each script runs in its own transaction together with its journal row (and, for the few versions that need code
/// such as hashing, a step run right after the script), so a failed script leaves the store at the previous
/// version. On PostgreSQL an advisory lock keeps two nodes starting at once from both migrating.
/// Scripts are never edited once released: a change is a new script, for both providers.
/// </remarks>
public sealed class SchemaMigrator(LatchkeyDbContext db, AuditChainKey auditKey, ILogger<SchemaMigrator> logger)
{
    private const long AdvisoryLockKey = 0x4C61_7463_686B_6579; // "Latchkey"

    /// <summary>Code that completes a script, in its transaction: what SQL alone cannot do on both providers.</summary>
    private static readonly Dictionary<int, Func<LatchkeyDbContext, DbTransaction, AuditChainKey, CancellationToken, Task>> _codeSteps = new()
    {
        [6] = (db, transaction, _, cancellationToken) => AuditChainMigration.ChainExistingEventsAsync(db, transaction, cancellationToken),
        [18] = AuditChainKeying.StartAsync,
    };

    public static IReadOnlyList<SchemaScript> ScriptsFor(DatabaseProvider provider)
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var prefix = $"{assembly.GetName().Name}.Data.Sql.{provider}.";
        return [.. assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => Load(assembly, name, name[prefix.Length..^4]))
            .OrderBy(script => script.Version)];
    }

    public DatabaseProvider Provider => db.Database.IsNpgsql() ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    /// <summary>Applies every missing script up to <paramref name="targetVersion"/> (all when null).</summary>
    /// <returns>The schema version the store is at afterwards.</returns>
    public async Task<int> MigrateAsync(int? targetVersion = null, CancellationToken cancellationToken = default)
    {
        var connection = db.Database.GetDbConnection();
        if (Provider == DatabaseProvider.Sqlite)
        {
            StoreFiles.PrepareSqliteStore(connection.ConnectionString);
        }

        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        try
        {
            if (Provider == DatabaseProvider.Postgres)
            {
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
            }
            else
            {
                await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL;", cancellationToken);
            }

            try
            {
                return await ApplyAsync(connection, targetVersion, cancellationToken);
            }
            finally
            {
                if (Provider == DatabaseProvider.Postgres)
                {
                    await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
                }
            }
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    /// <summary>Whether the configured store exists and was migrated at least once, found without creating anything.</summary>
    public async Task<StoreLocation> FindStoreAsync(CancellationToken cancellationToken = default)
    {
        var connection = db.Database.GetDbConnection();
        var sqliteFile = Provider == DatabaseProvider.Sqlite
            ? Path.GetFullPath(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection.ConnectionString).DataSource)
            : null;
        var location = sqliteFile ?? $"PostgreSQL database {connection.Database}";
        if (sqliteFile is not null && !File.Exists(sqliteFile))
        {
            return new StoreLocation(location, Exists: false);
        }

        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Provider == DatabaseProvider.Postgres
                ? "SELECT to_regclass('schema_versions') IS NOT NULL"
                : "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_versions')";
            var journal = Convert.ToBoolean(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            return new StoreLocation(location, journal && (await AppliedVersionsAsync(connection, cancellationToken)).Count > 0);
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    public async Task<int> CurrentVersionAsync(CancellationToken cancellationToken = default)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        try
        {
            await EnsureJournalAsync(connection, cancellationToken);
            return (await AppliedVersionsAsync(connection, cancellationToken)).DefaultIfEmpty(0).Max();
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private async Task<int> ApplyAsync(DbConnection connection, int? targetVersion, CancellationToken cancellationToken)
    {
        await EnsureJournalAsync(connection, cancellationToken);
        var applied = await AppliedVersionsAsync(connection, cancellationToken);
        var scripts = ScriptsFor(Provider);
        var newest = scripts.Count == 0 ? 0 : scripts[^1].Version;
        if (applied.Count > 0 && applied.Max() > newest)
        {
            throw new InvalidOperationException(
                $"The store is at schema version {applied.Max()}, newer than this build of Latchkey knows ({newest}). Upgrade Latchkey.");
        }

        foreach (var script in scripts.Where(s => !applied.Contains(s.Version) && (targetVersion is null || s.Version <= targetVersion)))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, transaction, script.Sql, cancellationToken);
            if (_codeSteps.TryGetValue(script.Version, out var step))
            {
                await step(db, transaction, auditKey, cancellationToken);
            }

            await ExecuteAsync(
                connection,
                transaction,
                $"INSERT INTO schema_versions (version, name) VALUES ({script.Version.ToString(CultureInfo.InvariantCulture)}, '{script.Name.Replace("'", "''", StringComparison.Ordinal)}')",
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            applied.Add(script.Version);
            DataLog.SchemaScriptApplied(logger, script.Version, script.Name);
        }

        return applied.DefaultIfEmpty(0).Max();
    }

    private static Task EnsureJournalAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, null, "CREATE TABLE IF NOT EXISTS schema_versions (version INTEGER NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL)", cancellationToken);

    private static async Task<HashSet<int>> AppliedVersionsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM schema_versions";
        var versions = new HashSet<int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
        }

        return versions;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static SchemaScript Load(Assembly assembly, string resourceName, string fileName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Missing embedded script {resourceName}.");
        using var reader = new StreamReader(stream);
        var separator = fileName.IndexOf('_', StringComparison.Ordinal);
        var version = int.Parse(fileName[..separator], CultureInfo.InvariantCulture);
        return new SchemaScript(version, fileName[(separator + 1)..], reader.ReadToEnd());
    }
}
