using Latchkey.Core.Passwords;
using Latchkey.Tests.Infrastructure;

namespace Latchkey.Tests.Passwords;

public sealed class PasswordHashingGateTests
{
    [Fact]
    public async Task Enter_SlotsAndQueueFull_RefusesAtOnce()
    {
        using var gate = Hashers.Gate(maxConcurrency: 1, queueLimit: 1);
        var held = gate.Enter();
        var queued = Task.Run(() => gate.Enter().Dispose());
        await WaitUntilAsync(() => gate.Queued == 1);

        Should.Throw<HashingCapacityExceededException>(() => gate.Enter());

        held.Dispose();
        await queued;
        gate.Queued.ShouldBe(0);
    }

    [Fact]
    public async Task Enter_QueuedCaller_RunsWhenSlotFrees()
    {
        using var gate = Hashers.Gate(maxConcurrency: 1, queueLimit: 4);
        var held = gate.Enter();
        var queued = Task.Run(() => { using var slot = gate.Enter(); return true; });
        await WaitUntilAsync(() => gate.Queued == 1);
        queued.IsCompleted.ShouldBeFalse();

        held.Dispose();

        (await queued).ShouldBeTrue();
        gate.TotalEntered.ShouldBe(2);
    }

    [Fact]
    public void Enter_QueueWaitTimesOut_Refuses()
    {
        using var gate = Hashers.Gate(maxConcurrency: 1, queueLimit: 4, queueTimeout: TimeSpan.FromMilliseconds(50));
        using var held = gate.Enter();

        Should.Throw<HashingCapacityExceededException>(() => gate.Enter());
        gate.Queued.ShouldBe(0);
    }

    [Fact]
    public async Task Hash_ManyConcurrentCallers_NeverMoreThanMaxConcurrencyInside()
    {
        using var gate = Hashers.Gate(maxConcurrency: 2, queueLimit: 100);
        var hasher = Hashers.Argon2id(1024, 1, gate);

        var hashes = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => hasher.Hash($"Password-{i}!"))));

        hashes.Distinct().Count().ShouldBe(16);
        gate.TotalEntered.ShouldBe(16);
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
