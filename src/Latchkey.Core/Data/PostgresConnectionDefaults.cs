using System.Data.Common;
using Npgsql;

namespace Latchkey.Core.Data;

/// <summary>
/// What Latchkey adds to a PostgreSQL connection string that does not say otherwise (docs/configuration.md):
/// <c>Max Auto Prepare=64</c>, so the statements every request runs are parsed and planned once per connection, and
/// <c>No Reset On Close=true</c>, so a connection back in the pool is not sent <c>DISCARD ALL</c>, which would throw
/// those plans away. Latchkey keeps no session state on pooled connections (its LISTEN has a connection of its own;
/// its advisory locks end with their transaction), so there is nothing to reset. Measured with bench/signin-overhead.sh (token hash cost):
/// the database's CPU per sign-in fell from 2.8 to 1.1 ms and the server's from 4.2 to 2.9 ms. A connection string
/// that names either setting keeps its own value (<c>Max Auto Prepare=0</c> behind a pooler without prepared
/// statements, for example).
/// </summary>
internal static class PostgresConnectionDefaults
{
    public const int MaxAutoPrepare = 64;

    public static string Apply(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var keys = given.Keys.Cast<string>().Select(k => k.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!keys.Contains("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = MaxAutoPrepare;
        }

        if (!keys.Contains("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }
}
