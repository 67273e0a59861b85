using Latchkey.Core.Data;
using Latchkey.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Tests.Data;

/// <summary>Finding 2 of issue 14: the data directory is the service user's alone, whatever the umask.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StoreFilesTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task FreshDataDirectory_Directory0700AndSqliteFiles0600()
    {
        using var store = TestStore.Create(DatabaseProvider.Sqlite);
        var directory = Path.Combine(store.DataDirectory, "fresh");
        using var host = new CoreTestHost(new()
        {
            ["Latchkey:DataDirectory"] = directory,
            ["ConnectionStrings:Latchkey"] = null,
        }, store);
        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();

        // Held open to the end: when the last connection closes SQLite removes the -wal and -shm files, and another
        // test clearing the connection pools would close a pooled one under this test.
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);");

        File.GetUnixFileMode(directory).ShouldBe(Private | UnixFileMode.UserExecute);
        foreach (var name in new[] { "latchkey.db", "latchkey.db-wal", "latchkey.db-shm" })
        {
            File.GetUnixFileMode(Path.Combine(directory, name)).ShouldBe(Private, name);
        }
    }

    [Fact]
    public void FindExposed_DirectoryAndFileReadableByOthers_BothListed()
    {
        using var store = TestStore.Create(DatabaseProvider.Sqlite);
        var directory = Path.Combine(store.DataDirectory, "old");
        Directory.CreateDirectory(directory);
        File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
        var file = Path.Combine(directory, "latchkey.db");
        File.WriteAllText(file, "");
        File.SetUnixFileMode(file, (UnixFileMode)0b110_100_100);
        var hidden = Path.Combine(directory, "private.key");
        File.WriteAllText(hidden, "");
        File.SetUnixFileMode(hidden, Private);

        var exposed = StoreFiles.FindExposed(directory);

        exposed.ShouldBe([directory, file], ignoreOrder: true);
    }
}
