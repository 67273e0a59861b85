using Latchkey.Core.Data;
using Npgsql;

namespace Latchkey.Tests.Infrastructure;

/// <summary>
/// An empty store of its own for one test: a SQLite file in a fresh folder, or, when
/// <c>LATCHKEY_TEST_PROVIDER=postgres</c>, a fresh database on the server named by <c>LATCHKEY_TEST_POSTGRES</c>
/// (dropped again on dispose). test.sh runs the whole suite once per provider.
/// </summary>
public sealed class TestStore : IDisposable
{
    private readonly string? _postgresAdmin;
    private readonly string? _databaseName;

    private TestStore(DatabaseProvider provider)
    {
        Provider = provider;
        DataDirectory = Directory.CreateTempSubdirectory("latchkey-test-").FullName;
        if (provider == DatabaseProvider.Postgres)
        {
            _postgresAdmin = Environment.GetEnvironmentVariable("LATCHKEY_TEST_POSTGRES")
                ?? throw new InvalidOperationException("LATCHKEY_TEST_PROVIDER=postgres needs LATCHKEY_TEST_POSTGRES (a connection string to a server).");
            _databaseName = "latchkey_t_" + Guid.NewGuid().ToString("N");
            using (var connection = new NpgsqlConnection(_postgresAdmin))
            {
                connection.Open();
                using var command = new NpgsqlCommand($"CREATE DATABASE {_databaseName}", connection);
                command.ExecuteNonQuery();
            }

            ConnectionString = new NpgsqlConnectionStringBuilder(_postgresAdmin) { Database = _databaseName }.ConnectionString;
        }
        else
        {
            ConnectionString = $"Data Source={Path.Combine(DataDirectory, "latchkey.db")};Default Timeout=30";
        }
    }

    public static DatabaseProvider ConfiguredProvider =>
        string.Equals(Environment.GetEnvironmentVariable("LATCHKEY_TEST_PROVIDER"), "postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    public DatabaseProvider Provider { get; }

    public string DataDirectory { get; }

    public string ConnectionString { get; }

    /// <summary>The configuration a Latchkey process needs to use this store, with fast hashing for tests.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Latchkey:DataDirectory"] = DataDirectory,
        ["Latchkey:Database:Provider"] = Provider == DatabaseProvider.Postgres ? "postgres" : "sqlite",
        ["ConnectionStrings:Latchkey"] = ConnectionString,
        ["Latchkey:Passwords:Hashing:MemoryKiB"] = "1024",
        ["Latchkey:Passwords:Hashing:Iterations"] = "1",
    };

    public static TestStore Create() => new(ConfiguredProvider);

    public static TestStore Create(DatabaseProvider provider) => new(provider);

    /// <summary>Makes the store unreachable, as a crashed server or a lost disk would.</summary>
    public void Break()
    {
        if (_databaseName is not null)
        {
            DropDatabase();
            return;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(DataDirectory, "latchkey.db*"))
        {
            File.Delete(file);
        }
    }

    public void Dispose()
    {
        if (_databaseName is not null)
        {
            DropDatabase();
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a finishing background task; the temp folder is cleaned by the OS.
        }
    }

    private void DropDatabase()
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(_postgresAdmin);
        connection.Open();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_databaseName} WITH (FORCE)", connection);
        command.ExecuteNonQuery();
    }
}
