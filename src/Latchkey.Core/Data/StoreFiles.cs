namespace Latchkey.Core.Data;

/// <summary>
/// The data directory and the files Latchkey keeps in it (the SQLite store and its -wal and -shm, key files, the mail
/// outbox) belong to the service's user alone: directories 0700, files 0600, set explicitly after creation, so the
/// umask does not matter (ASVS 14.2.x; DESIGN.md's store holds hashes, keys and live reset links). Existing ones are
/// left as the operator made them; <see cref="FindExposed"/> lists those others can read, for a warning at start.
/// </summary>
public static class StoreFiles
{
    public const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates <paramref name="path"/> as 0700 if it does not exist; an existing directory is not changed.</summary>
    public static void EnsurePrivateDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            return;
        }

        Directory.CreateDirectory(path);
        SetMode(path, PrivateDirectory);
    }

    /// <summary>Creates an empty <paramref name="path"/> as 0600 if it does not exist (SQLite gives its -wal and -shm the store's mode).</summary>
    public static void EnsurePrivateFile(string path)
    {
        if (File.Exists(path))
        {
            return;
        }

        using (new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
        }

        SetMode(path, PrivateFile);
    }

    /// <summary>
    /// Before a migration creates the SQLite store: its folder 0700 and an empty store file 0600, so SQLite, which gives
    /// its -wal and -shm the store's mode, never makes a file others can read. An existing store is left alone.
    /// </summary>
    public static void PrepareSqliteStore(string connectionString)
    {
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:" || file.StartsWith("file:", StringComparison.Ordinal) || File.Exists(file))
        {
            return;
        }

        try
        {
            EnsurePrivateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            EnsurePrivateFile(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new StoreUnavailableException($"cannot create the store {file}: {exception.Message}", exception);
        }
    }

    /// <summary>Makes a file Latchkey just wrote 0600.</summary>
    public static void MakePrivate(string path) => SetMode(path, PrivateFile);

    /// <summary>
    /// Throws <see cref="StoreUnavailableException"/> with one clear sentence when <paramref name="directory"/> cannot be
    /// created or written (a read-only file system, a missing permission, a full disk).
    /// </summary>
    public static void EnsureWritable(string directory)
    {
        try
        {
            EnsurePrivateDirectory(directory);
            var probe = Path.Combine(directory, $".write-test-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, new byte[4096]);
            File.Delete(probe);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new StoreUnavailableException(
                $"the data directory {directory} is read-only or not writable ({exception.Message.TrimEnd('.')}); make it writable by the service's user, or point Latchkey:DataDirectory elsewhere",
                exception);
        }
    }

    /// <summary>The directory and everything below it that its group or other users may read, write or enter.</summary>
    public static IReadOnlyList<string> FindExposed(string directory)
    {
        if (OperatingSystem.IsWindows() || !Directory.Exists(directory))
        {
            return [];
        }

        var exposed = new List<string>();
        foreach (var path in Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories).Prepend(directory).Take(100_000))
        {
            if ((File.GetUnixFileMode(path) & GroupOrOther) != 0)
            {
                exposed.Add(path);
            }
        }

        return exposed;
    }

    private static void SetMode(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }
    }
}
