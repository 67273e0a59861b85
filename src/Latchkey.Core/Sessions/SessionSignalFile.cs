using Latchkey.Core.Data;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Sessions;

/// <summary>
/// For the single-node SQLite store: after a revocation commits, <c>signals/sessions.signal</c> in the data directory
/// is rewritten, and the running server, which watches it, drops its session cache. This is how a revocation made by
/// the CLI (another process) reaches the server at once. PostgreSQL installations use NOTIFY instead.
/// </summary>
/// <remarks>
/// The file has a directory of its own because a watch is on a directory: beside the database, every write to
/// <c>latchkey.db-wal</c> (several per sign-in) woke the watcher's thread to read and discard the event.
/// </remarks>
public sealed class SessionSignalFile(IOptions<LatchkeyOptions> options)
{
    public const string FileName = "sessions.signal";

    public const string DirectoryName = "signals";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public string DirectoryPath => Path.Combine(options.Value.FullDataDirectory, DirectoryName);

    public string FilePath => Path.Combine(DirectoryPath, FileName);

    /// <summary>Creates the directory (owner only) if it is missing; the watcher needs it before the first signal.</summary>
    public void EnsureDirectory()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(DirectoryPath);
        }
        else
        {
            Directory.CreateDirectory(DirectoryPath, OwnerOnly);
        }
    }

    public void Signal(IEnumerable<Guid> accountIds)
    {
        EnsureDirectory();
        File.WriteAllText(FilePath, string.Join('\n', accountIds));
    }
}
