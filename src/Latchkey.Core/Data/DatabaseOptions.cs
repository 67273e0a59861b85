using System.ComponentModel.DataAnnotations;

namespace Latchkey.Core.Data;

/// <summary>
/// <c>Latchkey:Database</c>. <see cref="Provider"/> defaults to <c>sqlite</c>, a file <c>latchkey.db</c> in the data
/// directory; <c>postgres</c> takes its connection string from <c>ConnectionStrings:Latchkey</c>.
/// </summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Latchkey:Database";

    [Required]
    public string Provider { get; set; } = "sqlite";

    public DatabaseProvider ParsedProvider => Provider.Trim().ToUpperInvariant() switch
    {
        "SQLITE" => DatabaseProvider.Sqlite,
        "POSTGRES" or "POSTGRESQL" or "NPGSQL" => DatabaseProvider.Postgres,
        _ => throw new InvalidOperationException($"Latchkey:Database:Provider must be 'sqlite' or 'postgres', not '{Provider}'."),
    };
}
