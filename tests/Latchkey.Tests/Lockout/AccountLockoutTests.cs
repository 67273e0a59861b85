using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Latchkey.Core.Helpdesk;
using Latchkey.Core.Lockout;
using Latchkey.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Tests.Lockout;

public sealed class AccountLockoutTests : IDisposable
{
    private const string Password = "Valid-Pass1";
    private readonly CoreTestHost _host = new();
    private int _nextHash = 0x100;

    [Fact]
    public async Task RecordFailureAsync_SameWrongPasswordRetried_CountsOnceAndNeverLocks()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);

        for (var i = 0; i < 25; i++)
        {
            (await FailAsync(account, "0abc")).ShouldBeFalse();
        }

        (await ReloadAsync(account)).LockoutEnd.ShouldBeNull();
    }

    [Fact]
    public async Task RecordFailureAsync_TenthDistinctWrongPassword_LocksForFifteenMinutesWithReason()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);
        for (var i = 0; i < 9; i++)
        {
            (await FailAsync(account, $"{i:x4}")).ShouldBeFalse();
            (await FailAsync(account, $"{i:x4}")).ShouldBeFalse();
        }

        (await ReloadAsync(account)).LockoutEnd.ShouldBeNull();
        (await FailAsync(account, "0fff")).ShouldBeTrue();

        var locked = await ReloadAsync(account);
        locked.LockoutEnd.ShouldBe(_host.Clock.GetUtcNow() + TimeSpan.FromMinutes(15));
        var view = AccountView.From(locked, _host.Clock.GetUtcNow());
        view.Locked.ShouldBeTrue();
        view.LockedUntil.ShouldBe(locked.LockoutEnd);
        await using var scope = _host.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<AccountLock>().ReasonAsync(account.Id)).ShouldBe("This account is locked after 10 failed logins with different passwords, until 2026-11-23 09:15 UTC. Ask your administrator to unlock it sooner.");
        var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
        (await db.AuditEvents.SingleAsync(e => e.Type == AuditEventTypes.AccountLocked)).TargetId.ShouldBe(account.Id);
    }

    [Fact]
    public async Task RecordFailureAsync_TheLock_QueuesOneKickOfTheMailboxsOpenConnections()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);
        for (var i = 0; i < 9; i++)
        {
            (await FailAsync(account, $"{i:x4}")).ShouldBeFalse();
        }

        await using (var before = _host.CreateScope())
        {
            (await before.ServiceProvider.GetRequiredService<LatchkeyDbContext>().OutboxMessages.CountAsync(m => m.Kind == Core.Data.OutboxKinds.DovecotKick)).ShouldBe(0);
        }

        (await FailAsync(account, "0fff")).ShouldBeTrue();

        await using var scope = _host.CreateScope();
        var kicks = await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().OutboxMessages
            .Where(m => m.Kind == Core.Data.OutboxKinds.DovecotKick).ToListAsync();
        kicks.ShouldHaveSingleItem().To.ShouldBe(account.Email);
    }

    [Fact]
    public async Task RecordFailureAsync_LockedAgainAfterTheFirstExpired_LastsFourTimesLonger()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);
        await LockAsync(account);
        _host.Clock.Advance(TimeSpan.FromMinutes(16));

        await LockAsync(account);

        (await ReloadAsync(account)).LockoutEnd.ShouldBe(_host.Clock.GetUtcNow() + TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task RecordFailureAsync_LockUntilUnlockedConfigured_LockHasNoEnd()
    {
        using var host = new CoreTestHost(new() { ["Latchkey:Lockout:LockUntilUnlocked"] = "true" });
        var account = await host.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);
        await using (var scope = host.CreateScope())
        {
            var lockout = scope.ServiceProvider.GetRequiredService<FailureCounter>();
            for (var i = 0; i < 10; i++)
            {
                await lockout.RecordFailureAsync(new FailedLogin(account.Id, account.Email!, "192.0.2.1", "imap", $"{i:x4}"));
            }
        }

        await using var check = host.CreateScope();
        var stored = await check.ServiceProvider.GetRequiredService<LatchkeyDbContext>().Users.AsNoTracking().SingleAsync(a => a.Id == account.Id);
        stored.LockoutEnd.ShouldBe(AccountLock.Indefinite);
        host.Clock.Advance(TimeSpan.FromDays(365));
        var view = AccountView.From(stored, host.Clock.GetUtcNow());
        view.Locked.ShouldBeTrue();
        view.LockedUntil.ShouldBeNull();
    }

    [Fact]
    public async Task RecordSuccessAsync_AfterNineFailures_CountStartsOver()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);
        for (var i = 0; i < 9; i++)
        {
            await FailAsync(account, $"{i:x4}");
        }

        _host.Clock.Advance(TimeSpan.FromSeconds(1));
        await using (var scope = _host.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<FailureCounter>().RecordSuccessAsync(account.Id)).ShouldBe(1);
        }

        _host.Clock.Advance(TimeSpan.FromSeconds(1));
        for (var i = 100; i < 109; i++)
        {
            (await FailAsync(account, $"{i:x4}")).ShouldBeFalse();
        }

        (await ReloadAsync(account)).LockoutEnd.ShouldBeNull();
    }

    [Fact]
    public async Task RecordFailureAsync_FailuresOlderThanTheWindow_NoLongerCount()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);
        for (var i = 0; i < 9; i++)
        {
            await FailAsync(account, $"{i:x4}");
        }

        _host.Clock.Advance(TimeSpan.FromMinutes(61));

        (await FailAsync(account, "0fff")).ShouldBeFalse();
    }

    [Fact]
    public async Task CheckIpAsync_ManyDistinctFailuresFromOneAddress_DelaysThenRefuses()
    {
        using var host = new CoreTestHost(new() { ["Latchkey:Lockout:IpDelayAfter"] = "3", ["Latchkey:Lockout:IpRefuseAfter"] = "6" });
        await using var scope = host.CreateScope();
        var lockout = scope.ServiceProvider.GetRequiredService<FailureCounter>();
        var throttle = scope.ServiceProvider.GetRequiredService<AddressThrottle>();
        var verdicts = new List<IpVerdict>();
        for (var i = 0; i < 7; i++)
        {
            verdicts.Add(await throttle.CheckIpAsync("198.51.100.9"));
            await lockout.RecordFailureAsync(new FailedLogin(null, $"nobody{i}@example.com", "198.51.100.9", "imap", "0001"));
        }

        verdicts.Select(v => v.Refused ? -1 : v.DelaySeconds).ShouldBe([0, 0, 0, 1, 2, 4, -1]);
        (await throttle.CheckIpAsync("198.51.100.10")).ShouldBe(IpVerdict.None);
    }

    [Fact]
    public async Task UnlockAccountHandler_LockedManager_SecurityTeamNoticedUserNotice_NotForAUser()
    {
        var manager = await _host.CreateAccountAsync("boss@" + UniqueEmail.New().Split('@')[1], Password, Role.Manager, "example.com");
        var user = await _host.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);
        await LockAsync(manager);
        await LockAsync(user);
        var options = _host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Core.Notifications.SecurityTeamOptions>>().Value;
        options.Emails.Add("security@corp.example");

        foreach (var account in new[] { manager, user })
        {
            await using var scope = _host.CreateScope();
            (await scope.ServiceProvider.GetRequiredService<UnlockAccountHandler>().HandleAsync(account.Id, Actor.Console, AuditContext.Cli)).Value!.WasLocked.ShouldBeTrue();
        }

        await using var check = _host.CreateScope();
        var notices = await check.ServiceProvider.GetRequiredService<LatchkeyDbContext>().OutboxMessages.Where(m => m.To == "security@corp.example").Select(m => m.Subject).ToListAsync();
        notices.ShouldHaveSingleItem().ShouldContain(manager.Email!);
    }

    [Fact]
    public async Task UnlockAccountHandler_LockedAccount_UnlockedAuditedAndCountersStartOver()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);
        await LockAsync(account);

        await using (var scope = _host.CreateScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<UnlockAccountHandler>().HandleAsync(account.Id, Actor.Console, AuditContext.Cli);
            result.Value!.WasLocked.ShouldBeTrue();
        }

        (await ReloadAsync(account)).LockoutEnd.ShouldBeNull();
        (await FailAsync(account, "0aaa")).ShouldBeFalse();
        await using var check = _host.CreateScope();
        var db = check.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
        (await db.AuditEvents.SingleAsync(e => e.Type == AuditEventTypes.AccountUnlocked)).Detail.ShouldBe("was_locked");
        (await db.LockoutStates.SingleAsync(s => s.AccountId == account.Id)).Level.ShouldBe(0);
    }

    [Fact]
    public async Task UnlockAccountHandler_UnknownAccount_NotFound()
    {
        await using var scope = _host.CreateScope();

        var result = await scope.ServiceProvider.GetRequiredService<UnlockAccountHandler>().HandleAsync(Guid.NewGuid(), Actor.Console, AuditContext.Cli);

        result.Failure!.Code.ShouldBe("not_found");
    }

    [Fact]
    public async Task GetLockoutHandler_LockedAccount_ShowsReasonAndRecentFailuresMarkingRetries()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);
        await FailAsync(account, "0aaa");
        _host.Clock.Advance(TimeSpan.FromSeconds(1));
        await FailAsync(account, "0aaa");

        await using var scope = _host.CreateScope();
        var view = (await scope.ServiceProvider.GetRequiredService<GetLockoutHandler>().HandleAsync(account.Id, Actor.Console, AuditContext.Cli)).Value!;

        view.Locked.ShouldBeFalse();
        view.RecentFailures.Select(f => f.SamePasswordAsBefore).ShouldBe([true, false]);
        view.RecentFailures[0].Protocol.ShouldBe("imap");
    }

    public void Dispose() => _host.Dispose();

    private async Task LockAsync(Account account)
    {
        for (var i = 0; i < 10; i++)
        {
            await FailAsync(account, $"{_nextHash++:x4}");
        }

        (await ReloadAsync(account)).LockoutEnd.ShouldNotBeNull();
    }

    private async Task<bool> FailAsync(Account account, string pwHash)
    {
        await using var scope = _host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<FailureCounter>()
            .RecordFailureAsync(new FailedLogin(account.Id, account.Email!, "203.0.113.7", "imap", pwHash));
    }

    private async Task<Account> ReloadAsync(Account account)
    {
        await using var scope = _host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().Users.AsNoTracking().SingleAsync(a => a.Id == account.Id);
    }
}
