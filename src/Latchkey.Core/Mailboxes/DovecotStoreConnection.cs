using System.Text;
using Latchkey.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Latchkey.Core.Mailboxes;

/// <summary>
/// Dovecot's SQL driver and <c>connect</c> value for the store this process uses, taken from its open
/// configuration (<c>Latchkey:DataDirectory</c>, <c>Latchkey:Database:Provider</c>,
/// <c>ConnectionStrings:Latchkey</c>), so Dovecot reads exactly the store the server writes.
/// </summary>
public sealed record DovecotStoreConnection(string Driver, string Connect)
{
    public static DovecotStoreConnection From(LatchkeyDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var connectionString = db.Database.GetConnectionString()
            ?? throw new InvalidOperationException("The store has no connection string.");
        if (db.Database.IsNpgsql())
        {
            return new DovecotStoreConnection("pgsql", ToConnInfo(new NpgsqlConnectionStringBuilder(connectionString)));
        }

        var sqlite = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(sqlite.DataSource) || sqlite.DataSource == ":memory:")
        {
            throw new InvalidOperationException("Dovecot needs the store in a SQLite file; this one is in memory.");
        }

        return new DovecotStoreConnection("sqlite", Path.GetFullPath(sqlite.DataSource));
    }

    /// <summary>libpq's <c>key=value</c> form, values quoted where libpq needs it.</summary>
    internal static string ToConnInfo(NpgsqlConnectionStringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var parts = new List<string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add($"{key}={Quote(value)}");
            }
        }

        Add("host", builder.Host);
        Add("port", builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("dbname", builder.Database);
        Add("user", builder.Username);
        Add("password", builder.Password);
        Add("sslmode", builder.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Allow => "allow",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => null,
        });
        return string.Join(' ', parts);
    }

    private static string Quote(string value)
    {
        if (value.Length > 0 && !value.Any(c => char.IsWhiteSpace(c) || c is '\'' or '\\'))
        {
            return value;
        }

        var quoted = new StringBuilder("'");
        foreach (var c in value)
        {
            if (c is '\'' or '\\')
            {
                quoted.Append('\\');
            }

            quoted.Append(c);
        }

        return quoted.Append('\'').ToString();
    }
}
