namespace Latchkey.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
