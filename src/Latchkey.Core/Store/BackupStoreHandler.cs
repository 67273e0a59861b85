using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Store;

/// <summary>
/// <c>latchkey backup --out FILE</c>: a consistent copy of the SQLite store taken through SQLite's online backup API,
/// safe while the server runs (the copy is one snapshot: a write either is in it whole or not at all). It is written
/// beside the target first, checked with <c>PRAGMA integrity_check</c>, made readable by the owner
/// only and then renamed into place; an existing file is never overwritten. A PostgreSQL store is backed up with
/// <c>pg_dump</c> instead (docs/deploy.md), so it is refused here with that advice.
/// </summary>
public sealed class BackupStoreHandler(LatchkeyDbContext db)
{
    public async Task<Result<StoreBackup>> HandleAsync(string outPath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outPath);
        if (db.Database.IsNpgsql())
        {
            return Result<StoreBackup>.Fail(ErrorCodes.Validation,
                "The store is PostgreSQL: back it up with pg_dump --format=custom (see docs/deploy.md), not with latchkey backup.");
        }

        var target = Path.GetFullPath(outPath);
        if (File.Exists(target))
        {
            return Result<StoreBackup>.Fail(ErrorCodes.Conflict, $"{target} exists already; choose another file.");
        }

        var partial = target + ".partial";
        File.Delete(partial);
        var source = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false, Mode = SqliteOpenMode.ReadWrite };
        int? version;
        try
        {
            await using (var from = new SqliteConnection(source.ConnectionString))
            await using (var to = SqliteFiles.Open(partial, SqliteOpenMode.ReadWriteCreate))
            {
                await from.OpenAsync(cancellationToken);
                from.BackupDatabase(to);
                version = await SqliteFiles.SchemaVersionAsync(to, cancellationToken);
                if (version is null || !await SqliteFiles.IntactAsync(to, cancellationToken))
                {
                    throw new InvalidOperationException("The copy did not pass SQLite's integrity check.");
                }
            }

            SqliteFiles.MakePrivate(partial);
            File.Move(partial, target);
        }
        finally
        {
            File.Delete(partial);
        }

        return Result<StoreBackup>.Ok(new StoreBackup(target, version.Value, new FileInfo(target).Length));
    }
}
