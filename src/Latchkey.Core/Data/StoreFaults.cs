using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Latchkey.Core.Data;

/// <summary>
/// Which exceptions mean "the store is unavailable" (answered 503 with Retry-After) rather than a bug (500): a
/// PostgreSQL server that is down, restarting, out of disk, unreachable or without the database; a SQLite file that
/// is busy, locked, read-only, on a full disk or cannot be opened. The whole chain of inner exceptions is looked at,
/// as EF Core wraps them.
/// </summary>
public static class StoreFaults
{
    // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN.
    private static readonly HashSet<int> _sqliteCodes = [5, 6, 8, 10, 13, 14];

    public static bool IsUnavailable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case StoreUnavailableException or SocketException or TimeoutException:
                    return true;
                case PostgresException postgres:
                    // 08 connection, 53 insufficient resources (disk full, out of memory, too many connections),
                    // 57P01-57P03 shutting down or starting, 58 system errors (I/O), 3D000 the database does not
                    // exist (dropped, or not yet restored): the server answers but the store is not there.
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || postgres.SqlState == PostgresErrorCodes.InvalidCatalogName
                        || postgres.SqlState.StartsWith("53", StringComparison.Ordinal)
                        || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal)
                        || postgres.SqlState.StartsWith("58", StringComparison.Ordinal);
                case NpgsqlException:
                    // Not a PostgresException: the connection itself failed (refused, reset, timed out).
                    return true;
                case SqliteException sqlite when _sqliteCodes.Contains(sqlite.SqliteErrorCode):
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when a write lost a race on a unique index (PostgreSQL 23505; SQLite's constraint error, unique or primary
    /// key): another request stored the same key first, which the caller answers as a conflict, not as a fault.
    /// </summary>
    public static bool IsUniqueViolation(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres:
                    return postgres.SqlState == PostgresErrorCodes.UniqueViolation;
                case SqliteException sqlite:
                    // SQLITE_CONSTRAINT_UNIQUE (2067), SQLITE_CONSTRAINT_PRIMARYKEY (1555).
                    return sqlite.SqliteExtendedErrorCode is 2067 or 1555;
            }
        }

        return false;
    }
}
