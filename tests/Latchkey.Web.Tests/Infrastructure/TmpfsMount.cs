using System.Diagnostics;

namespace Latchkey.Web.Tests.Infrastructure;

/// <summary>
/// A small tmpfs mounted on a fresh folder (the tests run as root, as test.sh does in its container), to make a
/// data directory full or read-only for real; unmounted and removed on dispose.
/// </summary>
public sealed class TmpfsMount : IDisposable
{
    private TmpfsMount(string path) => Path = path;

    public string Path { get; }

    public static TmpfsMount Create(string size)
    {
        var path = Directory.CreateTempSubdirectory("latchkey-tmpfs-").FullName;
        Run("mount", "-t", "tmpfs", "-o", $"size={size},mode=0700", "tmpfs", path);
        return new TmpfsMount(path);
    }

    public void MakeReadOnly() => Run("mount", "-o", "remount,ro", Path);

    /// <summary>Writes a file until the file system has no room left.</summary>
    public void Fill()
    {
        // Unbuffered, so nothing is left to flush (and fail) when the stream is closed on a full disk.
        using var filler = new FileStream(System.IO.Path.Combine(Path, "filler"), FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        var block = new byte[64 * 1024];
        try
        {
            while (true)
            {
                filler.Write(block);
                filler.Flush(flushToDisk: true);
            }
        }
        catch (IOException)
        {
            // ENOSPC: full.
        }

        try
        {
            while (true)
            {
                filler.Write(block, 0, 512);
                filler.Flush(flushToDisk: true);
            }
        }
        catch (IOException)
        {
            // Not even 512 bytes more.
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Run("umount", "-l", Path);
        Directory.Delete(Path, recursive: true);
    }

    private static void Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {error}. The store fault tests mount a tmpfs and need root.");
        }
    }
}
