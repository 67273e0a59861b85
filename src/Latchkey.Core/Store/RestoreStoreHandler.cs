using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Store;

/// <summary>
/// <c>latchkey restore FILE</c>: puts a backup made by <see cref="BackupStoreHandler"/> in place of the SQLite store.
/// The file must be a whole Latchkey store (integrity check) of a schema version this binary knows; an existing store
/// is overwritten only when forced (stop the server first). The pages are copied with the
/// SQLite backup API, the schema is brought up to date, and the audit chain is verified: a broken chain is reported,
/// not hidden. PostgreSQL is restored with <c>pg_restore</c>, then checked with <c>latchkey restore --check</c>.
/// </summary>
public sealed class RestoreStoreHandler(LatchkeyDbContext db, SchemaMigrator migrator, VerifyAuditChainHandler verifyAudit)
{
    public async Task<Result<RestoredStore>> HandleAsync(string file, bool force, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        if (db.Database.IsNpgsql())
        {
            return Result<RestoredStore>.Fail(ErrorCodes.Validation,
                "The store is PostgreSQL: restore a pg_dump with pg_restore (see docs/deploy.md), then run latchkey restore --check.");
        }

        var source = Path.GetFullPath(file);
        if (!File.Exists(source))
        {
            return Result<RestoredStore>.Fail(ErrorCodes.NotFound, $"{source} does not exist.");
        }

        var latest = SchemaMigrator.ScriptsFor(DatabaseProvider.Sqlite).Max(s => s.Version);
        var target = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        int backupVersion;
        try
        {
            await using var from = SqliteFiles.Open(source, SqliteOpenMode.ReadOnly);
            var version = await SqliteFiles.SchemaVersionAsync(from, cancellationToken);
            if (version is null || !await SqliteFiles.IntactAsync(from, cancellationToken))
            {
                return Result<RestoredStore>.Fail(ErrorCodes.Validation, $"{source} is not a whole Latchkey store.");
            }

            if (version > latest)
            {
                return Result<RestoredStore>.Fail(ErrorCodes.Validation,
                    $"{source} has schema version {version}, made by a newer Latchkey; this one knows up to {latest}.");
            }

            if (!force && File.Exists(target) && await HasStoreAsync(target, cancellationToken))
            {
                return Result<RestoredStore>.Fail(ErrorCodes.Conflict,
                    $"A store exists at {target}. Stop the server and run again with --force to replace it.");
            }

            backupVersion = version.Value;
            SqliteConnection.ClearAllPools();
            await using var to = SqliteFiles.Open(target, SqliteOpenMode.ReadWriteCreate);
            from.BackupDatabase(to);
        }
        catch (SqliteException)
        {
            return Result<RestoredStore>.Fail(ErrorCodes.Validation, $"{source} is not a SQLite database.");
        }

        SqliteConnection.ClearAllPools();
        SqliteFiles.MakePrivate(target);
        var schemaVersion = await migrator.MigrateAsync(cancellationToken: cancellationToken);
        var audit = await verifyAudit.HandleAsync(cancellationToken: cancellationToken);
        return Result<RestoredStore>.Ok(new RestoredStore(backupVersion, schemaVersion, audit));
    }

    private static async Task<bool> HasStoreAsync(string path, CancellationToken cancellationToken)
    {
        await using var connection = SqliteFiles.Open(path, SqliteOpenMode.ReadOnly);
        return await SqliteFiles.SchemaVersionAsync(connection, cancellationToken) is not null;
    }
}
