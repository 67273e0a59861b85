using BenchmarkDotNet.Attributes;
using Latchkey.Core.Passwords;
using Microsoft.Extensions.Options;

namespace Latchkey.Benchmarks.Passwords;

/// <summary>
/// What one Argon2id hash or verification costs through libsodium with the defaults (m = 19 MiB, t = 2, p = 1)
/// and with t = 3: the price of every sign-in, and of every IMAP login Dovecot verifies.
/// </summary>
[Config(typeof(ShortInProcessConfig))]
[MemoryDiagnoser]
public class Argon2idBenchmarks
{
    private Argon2idHasher _hasher = null!;
    private string _hash = "";

    [Params(2, 3)]
    public int Iterations { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = Options.Create(new PasswordHashingOptions { Iterations = Iterations, MaxConcurrency = 1, QueueLimit = 0 });
        _hasher = new Argon2idHasher(options, new PasswordHashingGate(options));
        _hash = _hasher.Hash("Correct-Horse-9");
    }

    [Benchmark]
    public string Hash() => _hasher.Hash("Correct-Horse-9");

    [Benchmark]
    public bool Verify() => _hasher.Verify(_hash, "Correct-Horse-9");
}
