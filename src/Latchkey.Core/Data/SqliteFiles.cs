using Microsoft.Data.Sqlite;

namespace Latchkey.Core.Data;

/// <summary>What backup and restore need to know about a SQLite file: is it whole, and which schema it carries.</summary>
internal static class SqliteFiles
{
    /// <summary>A connection of its own to <paramref name="path"/>, outside the pool (so the file can be moved afterwards).</summary>
    public static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false, DefaultTimeout = 30 }.ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>The highest schema version recorded in the file; null when it is not a Latchkey store.</summary>
    public static async Task<int?> SchemaVersionAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_versions'";
        if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return null;
        }

        await using var version = connection.CreateCommand();
        version.CommandText = "SELECT coalesce(max(version), 0) FROM schema_versions";
        return Convert.ToInt32(await version.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>SQLite's own check of every page and index: true when it answers <c>ok</c>.</summary>
    public static async Task<bool> IntactAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        return (await check.ExecuteScalarAsync(cancellationToken)) as string == "ok";
    }

    public static void MakePrivate(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
