using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Data;

/// <summary>
/// The key kept outside the database (<c>Latchkey:KeyFile</c>, default <c>&lt;DataDirectory&gt;/latchkey.key</c>): 32
/// random bytes, created 0600 at the first start and read at every start after. It encrypts the Data Protection keys
/// the store holds, so a copy of the database alone has no usable keys. Every node of a cluster needs the same file;
/// losing it makes the stored keys unreadable (sessions survive, antiforgery tokens and reset links do not).
/// </summary>
public sealed class StoreKeyFile(IOptions<LatchkeyOptions> options)
{
    public const int KeyBytes = 32;

    private readonly Lazy<byte[]> _key = new(() => LoadOrCreate(options.Value.FullKeyFile), LazyThreadSafetyMode.ExecutionAndPublication);

    public string Path => options.Value.FullKeyFile;

    /// <summary>Whether the key is loaded or its file exists, found without creating it.</summary>
    public bool Exists => _key.IsValueCreated || File.Exists(Path);

    /// <summary>The key; read (or created) on first use.</summary>
    public ReadOnlySpan<byte> Key => _key.Value;

    private static byte[] LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            var existing = File.ReadAllBytes(path);
            return existing.Length == KeyBytes
                ? existing
                : throw new StoreUnavailableException($"the key file {path} is damaged: it must hold exactly {KeyBytes} bytes");
        }

        StoreFiles.EnsurePrivateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(KeyBytes);
        var staging = path + ".new";
        StoreFiles.EnsurePrivateFile(staging);
        File.WriteAllBytes(staging, key);
        try
        {
            // Two processes starting at once: the first rename wins and both use its key.
            File.Move(staging, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(staging);
            return File.ReadAllBytes(path);
        }

        return key;
    }
}
