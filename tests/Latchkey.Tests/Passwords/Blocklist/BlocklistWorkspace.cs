using System.Security.Cryptography;
using System.Text;
using Latchkey.Core.Data;
using Latchkey.Core.Passwords.Blocklist;
using Latchkey.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Latchkey.Tests.Passwords.Blocklist;

/// <summary>A data directory of its own for one test, with the blocklist, the import handler and list files made in it.</summary>
public sealed class BlocklistWorkspace : IDisposable
{
    public BlocklistWorkspace() => DataDirectory = Directory.CreateTempSubdirectory("latchkey-blocklist-").FullName;

    public string DataDirectory { get; }

    public string FilterPath => Path.Combine(DataDirectory, BlocklistOptions.DefaultFileName);

    public ManualTimeProvider Clock { get; } = new();

    public static TimeSpan ReloadInterval { get; } = TimeSpan.FromMinutes(1);

    public PasswordBlocklist CreateBlocklist() => new(Options(), LatchkeyOptions(), Clock, NullLogger<PasswordBlocklist>.Instance);

    public ImportBlocklistHandler CreateImporter() => new(Options(), LatchkeyOptions(), NullLogger<ImportBlocklistHandler>.Instance);

    public string WriteFile(string name, string text) => WriteFile(name, Encoding.UTF8.GetBytes(text));

    public string WriteFile(string name, byte[] bytes)
    {
        var path = Path.Combine(DataDirectory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>HIBP lines (upper-case SHA-1 of the UTF-8 password, ':', a count), ordered by hash as HIBP's download is.</summary>
    public static string HibpLines(params string[] passwords) =>
        string.Concat(passwords.Select(HibpHash).Order(StringComparer.Ordinal).Select((hash, i) => $"{hash}:{i + 1}\r\n"));

#pragma warning disable CA5350 // HIBP publishes SHA-1.
    public static string HibpHash(string password) => Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(password)));
#pragma warning restore CA5350

    /// <summary>Files in the data directory other than the lists the test wrote: the filter, or any temporary file left behind.</summary>
    public string[] FilterFiles() =>
        [.. Directory.GetFiles(DataDirectory).Select(Path.GetFileName).Where(n => n!.Contains("filter", StringComparison.Ordinal)).Select(n => n!)];

    public void Dispose()
    {
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A mapping still open on a finishing test; the temp folder is cleaned by the OS.
        }
    }

    private static IOptions<BlocklistOptions> Options() =>
        Microsoft.Extensions.Options.Options.Create(new BlocklistOptions { ReloadInterval = ReloadInterval });

    private IOptions<LatchkeyOptions> LatchkeyOptions() =>
        Microsoft.Extensions.Options.Options.Create(new LatchkeyOptions { DataDirectory = DataDirectory });
}
