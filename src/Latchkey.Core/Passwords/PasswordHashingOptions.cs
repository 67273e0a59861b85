using System.ComponentModel.DataAnnotations;

namespace Latchkey.Core.Passwords;

/// <summary>
/// <c>Latchkey:Passwords:Hashing</c>. Defaults are OWASP's Argon2id minimum: <see cref="MemoryKiB"/> = 19456 (19 MiB),
/// <see cref="Iterations"/> = 2, one lane. <see cref="MaxConcurrency"/> defaults to the processor count and
/// <see cref="QueueLimit"/> to four times that; a request beyond both is refused at once (HTTP 503 + Retry-After).
/// One client address may hold at most <see cref="ClientQueueLimit"/> of the queue (0, the default, means a quarter
/// of it, at least 1); beyond that its requests are refused at once (HTTP 429 + Retry-After).
/// </summary>
public sealed class PasswordHashingOptions
{
    public const string SectionName = "Latchkey:Passwords:Hashing";

    /// <summary>Argon2id memory in KiB. libsodium's minimum is 8 KiB.</summary>
    [Range(8, 4 * 1024 * 1024)]
    public int MemoryKiB { get; set; } = 19 * 1024;

    [Range(1, 100)]
    public int Iterations { get; set; } = 2;

    [Range(1, 1024)]
    public int MaxConcurrency { get; set; } = Environment.ProcessorCount;

    [Range(0, 100_000)]
    public int QueueLimit { get; set; } = Environment.ProcessorCount * 4;

    /// <summary>Waiting hashes one client address may hold; 0 = a quarter of <see cref="QueueLimit"/>, at least 1.</summary>
    [Range(0, 100_000)]
    public int ClientQueueLimit { get; set; }

    /// <summary>
    /// The nice value (Linux CPU priority, 0–19) of the hashing threads. Default 19, the lowest priority: while hashing
    /// keeps every core busy, requests that hash nothing are scheduled first and keep their latency (during a sign-in
    /// flood the authenticated probe kept 73–76 % of its idle rate at 19, 51–59 % at 10: docs/benchmarks.md); with
    /// nothing else to run, hashing still gets the whole machine. 0 leaves the threads at the process's priority.
    /// </summary>
    [Range(0, 19)]
    public int WorkerNice { get; set; } = 19;

    /// <summary>How long a queued hash may wait for a slot before it is refused. Default: 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00")]
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
