using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Latchkey.Core.Data;
using Latchkey.Core.Passwords.Blocklist;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Latchkey.Benchmarks.Passwords.Blocklist;

/// <summary>
/// <see cref="PasswordBlocklist.Contains"/> against the shipped list and, in <see cref="WithImport"/>, a memory-mapped
/// import of one million random SHA-1 entries (made at setup in a temporary data directory, like an HIBP extract).
/// </summary>
[Config(typeof(ShortInProcessConfig))]
[MemoryDiagnoser]
[SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet owns the lifetime: [GlobalCleanup] disposes the blocklist; the class may not be sealed.")]
public class PasswordBlocklistBenchmarks
{
    private const int ImportedEntries = 1_000_000;

    private string _dataDirectory = "";
    private PasswordBlocklist _blocklist = null!;

    [Params(false, true)]
    public bool WithImport { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _dataDirectory = Directory.CreateTempSubdirectory("latchkey-bench-").FullName;
        var latchkey = Options.Create(new LatchkeyOptions { DataDirectory = _dataDirectory });
        var options = Options.Create(new BlocklistOptions());
        if (WithImport)
        {
            var list = Path.Combine(_dataDirectory, "random-hibp.txt");
            using (var writer = new StreamWriter(list))
            {
                for (var i = 0; i < ImportedEntries; i++)
                {
                    writer.Write(Convert.ToHexString(RandomNumberGenerator.GetBytes(20)));
                    writer.Write(":1\n");
                }
            }

            var result = new ImportBlocklistHandler(options, latchkey, NullLogger<ImportBlocklistHandler>.Instance)
                .HandleAsync(new ImportBlocklistCommand(list)).GetAwaiter().GetResult();
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(result.Failure.Message);
            }
        }

        _blocklist = new PasswordBlocklist(options, latchkey, TimeProvider.System, NullLogger<PasswordBlocklist>.Instance);
        _blocklist.Contains("warm-up");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _blocklist.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    /// <summary>On the list as given: found at the first of up to four variants.</summary>
    [Benchmark]
    public bool CommonPassword() => _blocklist.Contains("password");

    /// <summary>Not on any list: every variant is hashed and looked up (the usual case for a good password).</summary>
    [Benchmark(Baseline = true)]
    public bool StrongPassword() => _blocklist.Contains("vT9#qLm2$Xw8!pZr-Kd4");
}
