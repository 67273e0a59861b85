using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Latchkey.Core.Passwords;
using Latchkey.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Tests.Passwords;

/// <summary>
/// "Forgot password" requests are stored before the answer: a node killed before it worked on them loses nothing,
/// a claim keeps two nodes from both working on one, and a dead node's claim runs out.
/// </summary>
public sealed class PasswordResetQueueTests : IDisposable
{
    private readonly CoreTestHost _host = new();

    [Fact]
    public async Task EnqueueAsync_StoredNotSent_TheWorkerSendsItAndDeletesIt()
    {
        await _host.CreateAccountAsync("ada@example.com", "Old-Pass-111");

        await EnqueueAsync("ada@example.com");
        await EnqueueAsync("nobody@example.com");

        (await CountAsync(db => db.PendingPasswordResets)).ShouldBe(2);
        (await CountAsync(db => db.OutboxMessages)).ShouldBe(0);
        (await Worker().RunOnceAsync()).ShouldBe(2);
        (await CountAsync(db => db.PendingPasswordResets)).ShouldBe(0);
        await using var scope = _host.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().OutboxMessages.SingleAsync()).To.ShouldBe("ada@example.com");
    }

    [Fact]
    public async Task RunOnceAsync_ClaimedByANodeThatDied_LeftAloneUntilTheClaimRunsOutThenSent()
    {
        await _host.CreateAccountAsync("bea@example.com", "Old-Pass-111");
        await EnqueueAsync("bea@example.com");
        await using (var scope = _host.CreateScope())
        {
            // A node claimed it and was killed before its transaction committed.
            var until = _host.Clock.GetUtcNow() + PasswordResetWorker.ClaimLifetime;
            await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().PendingPasswordResets
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.ClaimedUntil, until).SetProperty(r => r.Attempts, 1));
        }

        (await Worker().RunOnceAsync()).ShouldBe(0);
        (await CountAsync(db => db.OutboxMessages)).ShouldBe(0);

        _host.Clock.Advance(PasswordResetWorker.ClaimLifetime + TimeSpan.FromSeconds(1));
        (await Worker().RunOnceAsync()).ShouldBe(1);
        (await CountAsync(db => db.OutboxMessages)).ShouldBe(1);
        (await CountAsync(db => db.PendingPasswordResets)).ShouldBe(0);
    }

    [Fact]
    public async Task RunOnceAsync_TwoNodesAtOnce_OneMailPerRequest()
    {
        await _host.CreateAccountAsync("cy@example.com", "Old-Pass-111");
        await _host.CreateAccountAsync("di@example.com", "Old-Pass-111");
        await EnqueueAsync("cy@example.com");
        await EnqueueAsync("di@example.com");

        var done = await Task.WhenAll(Worker().RunOnceAsync(), Worker().RunOnceAsync());

        done.Sum().ShouldBe(2);
        (await CountAsync(db => db.OutboxMessages)).ShouldBe(2);
    }

    [Fact]
    public async Task RunOnceAsync_GivenUpAfterMaxAttempts_DeletedWithoutMail()
    {
        await _host.CreateAccountAsync("ed@example.com", "Old-Pass-111");
        await EnqueueAsync("ed@example.com");
        await using (var scope = _host.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().PendingPasswordResets
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.Attempts, PasswordResetWorker.MaxAttempts));
        }

        (await Worker().RunOnceAsync()).ShouldBe(0);

        (await CountAsync(db => db.PendingPasswordResets)).ShouldBe(0);
        (await CountAsync(db => db.OutboxMessages)).ShouldBe(0);
    }

    public void Dispose() => _host.Dispose();

    private PasswordResetWorker Worker() => _host.Services.GetRequiredService<PasswordResetWorker>();

    private async Task EnqueueAsync(string email)
    {
        await using var scope = _host.CreateScope();
        await scope.ServiceProvider.GetRequiredService<PasswordResetRequests>().EnqueueAsync(email, AuditContext.Anonymous("192.0.2.4", "test"));
    }

    private async Task<int> CountAsync<T>(Func<LatchkeyDbContext, IQueryable<T>> set)
    {
        await using var scope = _host.CreateScope();
        return await set(scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>()).CountAsync();
    }
}
