using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Latchkey.Core.Notifications;
using Latchkey.Core.Passwords;
using Latchkey.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Tests.Passwords;

/// <summary>
/// The forgot-password limit (one link per account per minute) lives in <c>password_reset_limits</c>, not in the audit
/// log, and holds when requests arrive at the same moment.
/// </summary>
public sealed class PasswordResetRateLimitTests : IDisposable
{
    private readonly CoreTestHost _host = new();

    [Fact]
    public async Task Request_EightAtOnce_OneLinkQueued()
    {
        await _host.CreateAccountAsync("amy@example.com", "Old-Pass-111");

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => RequestAsync("amy@example.com"))));

        (await LinksAsync()).ShouldBe(1);
        await using var scope = _host.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().AuditEvents
            .CountAsync(e => e.Type == AuditEventTypes.PasswordResetRequested && e.Outcome == AuditEventTypes.Success)).ShouldBe(1);
    }

    [Fact]
    public async Task TryTakeAsync_WithinTheInterval_RefusedThenTakenOnceItHasPassed()
    {
        var account = await _host.CreateAccountAsync("bob@example.com", "Old-Pass-111");

        (await TryTakeAsync(account.Id)).ShouldBeTrue();
        _host.Clock.Advance(TimeSpan.FromSeconds(59));
        (await TryTakeAsync(account.Id)).ShouldBeFalse();
        _host.Clock.Advance(TimeSpan.FromSeconds(1));
        (await TryTakeAsync(account.Id)).ShouldBeTrue();

        await using var scope = _host.CreateScope();
        var limit = await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().PasswordResetLimits.SingleAsync(l => l.AccountId == account.Id);
        limit.LastSentAt.ShouldBe(_host.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Request_LimitKeptInItsOwnTable_AnEmptyRowLetsTheNextOneThrough()
    {
        var account = await _host.CreateAccountAsync("cat@example.com", "Old-Pass-111");
        await RequestAsync(account.Email!);
        await RequestAsync(account.Email!);
        (await LinksAsync()).ShouldBe(1);

        // The audit log still holds the first request; only the limit's own row decides.
        await using (var scope = _host.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().PasswordResetLimits.Where(l => l.AccountId == account.Id).ExecuteDeleteAsync();
        }

        await RequestAsync(account.Email!);
        (await LinksAsync()).ShouldBe(2);
    }

    [Fact]
    public async Task Request_TwoAccounts_EachHasItsOwnLimit()
    {
        await _host.CreateAccountAsync("dan@example.com", "Old-Pass-111");
        await _host.CreateAccountAsync("eve@example.com", "Old-Pass-111");

        await RequestAsync("dan@example.com");
        await RequestAsync("eve@example.com");

        (await LinksAsync()).ShouldBe(2);
    }

    private async Task RequestAsync(string email)
    {
        await using var scope = _host.CreateScope();
        await scope.ServiceProvider.GetRequiredService<RequestPasswordResetHandler>().HandleAsync(email, AuditContext.Anonymous("198.51.100.7", "test"));
    }

    private async Task<bool> TryTakeAsync(Guid accountId)
    {
        await using var scope = _host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var taken = await scope.ServiceProvider.GetRequiredService<PasswordResetRateLimit>().TryTakeAsync(accountId, CancellationToken.None);
        await transaction.CommitAsync();
        return taken;
    }

    private async Task<int> LinksAsync()
    {
        await using var scope = _host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().OutboxMessages.CountAsync(m => m.Subject == PasswordResetEmail.Subject);
    }

    public void Dispose() => _host.Dispose();
}
