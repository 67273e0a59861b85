using Latchkey.Core.Data;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Sessions;

/// <summary>
/// For the single-node SQLite store: after a revocation commits, <c>sessions.signal</c> in the data directory is
/// rewritten, and the running server, which watches it, drops its session cache. This is how a revocation made by
/// the CLI (another process) reaches the server at once. PostgreSQL installations use NOTIFY instead.
/// </summary>
public sealed class SessionSignalFile(IOptions<LatchkeyOptions> options)
{
    public const string FileName = "sessions.signal";

    public string DirectoryPath => options.Value.FullDataDirectory;

    public string FilePath => Path.Combine(DirectoryPath, FileName);

    public void Signal(IEnumerable<Guid> accountIds)
    {
        Directory.CreateDirectory(DirectoryPath);
        File.WriteAllText(FilePath, string.Join('\n', accountIds));
    }
}
