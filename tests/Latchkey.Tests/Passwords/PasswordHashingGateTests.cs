using Latchkey.Core.Passwords;
using Latchkey.Tests.Infrastructure;

namespace Latchkey.Tests.Passwords;

public sealed class PasswordHashingGateTests
{
    [Fact]
    public async Task RunAsync_HashingThreads_RunNicedSoOtherRequestsAreScheduledFirst()
    {
        var own = ThreadNiceness.Current();
        using var niced = Hashers.Gate(workerNice: 10);
        using var plain = Hashers.Gate(workerNice: 0);

        (await niced.RunAsync("198.51.100.1", ThreadNiceness.Current)).ShouldBe(Math.Max(own, 10));
        (await plain.RunAsync("198.51.100.1", ThreadNiceness.Current)).ShouldBe(own);
    }

    [Fact]
    public async Task RunAsync_AnswerArrived_SlotAlreadyFreeForTheNextJob()
    {
        // One slot, no queue: each job is queued the moment the previous one's answer arrives. The slot is given back
        // before the answer is, so none of these may be refused (before, one in a few thousand was: this fails most runs without the fix).
        using var gate = Hashers.Gate(maxConcurrency: 1, queueLimit: 0, clientQueueLimit: 1);
        for (var i = 0; i < 2000; i++)
        {
            (await gate.RunAsync("client", () => i)).ShouldBe(i);
        }
    }

    [Fact]
    public async Task RunAsync_WorkersBusyAndQueueFull_RefusesAtOnceForEveryone()
    {
        using var gate = Hashers.Gate(maxConcurrency: 1, queueLimit: 1, clientQueueLimit: 1);
        using var release = new ManualResetEventSlim();
        var held = gate.RunAsync("198.51.100.1", () => release.Wait(TimeSpan.FromSeconds(30)));
        await WaitUntilAsync(() => gate.Queued == 0 && gate.TotalEntered == 1);
        var queued = gate.RunAsync("198.51.100.2", () => true);

        var refused = Should.Throw<HashingCapacityExceededException>(() => gate.RunAsync("198.51.100.3", () => true));

        refused.PerClient.ShouldBeFalse();
        release.Set();
        (await held).ShouldBeTrue();
        (await queued).ShouldBeTrue();
        gate.Queued.ShouldBe(0);
    }

    [Fact]
    public async Task RunAsync_OneClientOverItsShare_RefusedWhileOtherClientsStillQueue()
    {
        using var gate = Hashers.Gate(maxConcurrency: 1, queueLimit: 8, clientQueueLimit: 2);
        using var release = new ManualResetEventSlim();
        var held = gate.RunAsync("198.51.100.1", () => release.Wait(TimeSpan.FromSeconds(30)));
        await WaitUntilAsync(() => gate.TotalEntered == 1);
        var flood = new[] { gate.RunAsync("198.51.100.9", () => 1), gate.RunAsync("198.51.100.9", () => 2) };

        var refused = Should.Throw<HashingCapacityExceededException>(() => gate.RunAsync("198.51.100.9", () => 3));
        var other = gate.RunAsync("198.51.100.2", () => 4);

        refused.PerClient.ShouldBeTrue();
        release.Set();
        await held;
        (await Task.WhenAll(flood)).ShouldBe([1, 2]);
        (await other).ShouldBe(4);
    }

    [Fact]
    public async Task Run_Synchronous_ChargesTheCurrentClientsShare()
    {
        using var gate = Hashers.Gate(maxConcurrency: 1, queueLimit: 8, clientQueueLimit: 1);
        using var release = new ManualResetEventSlim();
        var held = gate.RunAsync("198.51.100.1", () => release.Wait(TimeSpan.FromSeconds(30)));
        await WaitUntilAsync(() => gate.TotalEntered == 1);

        var first = Task.Run(() => RunAs(gate, "198.51.100.7", 1));
        await WaitUntilAsync(() => gate.Queued == 1);
        var second = Task.Run(() => RunAs(gate, "198.51.100.8", 2));
        await WaitUntilAsync(() => gate.Queued == 2);
        var refused = await Should.ThrowAsync<HashingCapacityExceededException>(Task.Run(() => RunAs(gate, "198.51.100.7", 3)));

        refused.PerClient.ShouldBeTrue();
        release.Set();
        await held;
        (await first).ShouldBe(1);
        (await second).ShouldBe(2);
        PasswordHashingGate.CurrentClient.ShouldBeNull();
    }

    [Fact]
    public async Task RunAsync_SeveralClientsWaiting_ServedInTurnsNotInArrivalOrder()
    {
        using var gate = Hashers.Gate(maxConcurrency: 1, queueLimit: 16, clientQueueLimit: 8);
        using var release = new ManualResetEventSlim();
        var held = gate.RunAsync("hold", () => release.Wait(TimeSpan.FromSeconds(30)));
        await WaitUntilAsync(() => gate.TotalEntered == 1);
        var order = new List<string>();
        var jobs = new List<Task<bool>>();
        foreach (var (client, name) in new[] { ("flood", "f1"), ("flood", "f2"), ("flood", "f3"), ("flood", "f4"), ("user", "u1") })
        {
            jobs.Add(gate.RunAsync(client, () => { lock (order) { order.Add(name); } return true; }));
        }

        release.Set();
        await held;
        await Task.WhenAll(jobs);

        order.ShouldBe(["f1", "u1", "f2", "f3", "f4"]);
    }

    [Fact]
    public async Task RunAsync_Work_RunsOnAHashingThreadNeverOnThePool()
    {
        using var gate = Hashers.Gate();

        var (name, pool) = await gate.RunAsync("198.51.100.1", () => (Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread));

        name.ShouldStartWith("latchkey-hashing-");
        pool.ShouldBeFalse();
    }

    [Fact]
    public async Task RunAsync_QueueWaitTimesOut_Refuses()
    {
        using var gate = Hashers.Gate(maxConcurrency: 1, queueLimit: 4, queueTimeout: TimeSpan.FromMilliseconds(50));
        using var release = new ManualResetEventSlim();
        var held = gate.RunAsync("198.51.100.1", () => release.Wait(TimeSpan.FromSeconds(30)));
        var late = gate.RunAsync("198.51.100.2", () => true);
        await Task.Delay(200);

        release.Set();

        await held;
        await Should.ThrowAsync<HashingCapacityExceededException>(() => late);
        gate.Queued.ShouldBe(0);
    }

    [Fact]
    public async Task Hash_ManyConcurrentCallers_NeverMoreThanMaxConcurrencyInside()
    {
        using var gate = Hashers.Gate(maxConcurrency: 2, queueLimit: 100);
        var hasher = Hashers.Argon2id(1024, 1, gate);
        var sync = new object();
        var inside = 0;
        var most = 0;

        var checks = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => gate.RunAsync($"client-{i % 3}", () =>
        {
            lock (sync)
            {
                most = Math.Max(most, ++inside);
            }

            Thread.Sleep(5);
            lock (sync)
            {
                inside--;
            }

            return true;
        })));
        var hashes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => hasher.Hash($"Password-{i}!"))));

        checks.ShouldAllBe(c => c);
        most.ShouldBeLessThanOrEqualTo(2);
        hashes.Distinct().Count().ShouldBe(8);
        gate.TotalEntered.ShouldBe(24);
    }

    private static int RunAs(PasswordHashingGate gate, string client, int value)
    {
        PasswordHashingGate.CurrentClient = client;
        return gate.Run(() => value);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        condition().ShouldBeTrue();
    }
}
