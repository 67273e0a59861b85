using Latchkey.Core.Passwords;
using Microsoft.Extensions.Options;

namespace Latchkey.Tests.Infrastructure;

public static class Hashers
{
    public static PasswordHashingGate Gate(int maxConcurrency = 2, int queueLimit = 8, TimeSpan? queueTimeout = null, int clientQueueLimit = 0, int workerNice = 10) =>
        new(Options.Create(new PasswordHashingOptions
        {
            MaxConcurrency = maxConcurrency,
            QueueLimit = queueLimit,
            QueueTimeout = queueTimeout ?? TimeSpan.FromSeconds(10),
            ClientQueueLimit = clientQueueLimit,
            WorkerNice = workerNice,
        }));

    public static Argon2idHasher Argon2id(int memoryKiB = 19 * 1024, int iterations = 2, PasswordHashingGate? gate = null) =>
        new(Options.Create(new PasswordHashingOptions { MemoryKiB = memoryKiB, Iterations = iterations }), gate ?? Gate());
}
