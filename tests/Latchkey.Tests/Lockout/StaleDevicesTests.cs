using Latchkey.Core.Data;
using Latchkey.Core.Lockout;
using Latchkey.Core.Mailboxes;
using Latchkey.Core.Notifications;
using Latchkey.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Tests.Lockout;

public sealed class StaleDevicesTests : IDisposable
{
    private const string Password = "Valid-Pass1";
    private readonly CoreTestHost _host = new();

    [Fact]
    public async Task ReportStale_PhoneRetriesOldPasswordThirtyTimes_OneRowOneEmailNeverLocked()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);

        for (var i = 0; i < 30; i++)
        {
            _host.Clock.Advance(TimeSpan.FromSeconds(10));
            await ReportAsync(new MailLoginAttempt(account.Email!, "04fb", "203.0.113.7", "imap", "\"name\" \"iPhone Mail\"", Stale: true, Success: true));
        }

        await using var scope = _host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
        var device = await db.StaleDevices.SingleAsync(d => d.AccountId == account.Id);
        device.Attempts.ShouldBe(30);
        device.DeviceId.ShouldBe("\"name\" \"iPhone Mail\"");
        device.LastSeenAt.ShouldBe(_host.Clock.GetUtcNow());
        var mail = await db.OutboxMessages.Where(m => m.To == account.Email).ToListAsync();
        mail.Count(m => m.Subject == StaleDeviceEmail.Subject).ShouldBe(1);
        mail.Single(m => m.Subject == StaleDeviceEmail.Subject).TextBody.ShouldContain("A device at 203.0.113.7 is still using the previous password");
        (await db.Users.SingleAsync(a => a.Id == account.Id)).LockoutEnd.ShouldBeNull();
        (await db.LoginFailures.CountAsync(f => f.AccountId == account.Id)).ShouldBe(0);
        var views = await scope.ServiceProvider.GetRequiredService<StaleDevices>().ListAsync(account.Id);
        views.ShouldHaveSingleItem().ShouldBe(new Core.Sessions.StaleDeviceView("imap", "203.0.113.7", _host.Clock.GetUtcNow(), 30));
    }

    [Fact]
    public async Task ReportStale_SecondDevice_SecondRowButNoSecondEmail()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);

        await ReportAsync(new MailLoginAttempt(account.Email!, "04fb", "203.0.113.7", "imap", null, Stale: true, Success: true));
        await ReportAsync(new MailLoginAttempt(account.Email!, "04fb", "198.51.100.2", "submission", null, Stale: true, Success: true));

        await using var scope = _host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
        (await db.StaleDevices.CountAsync(d => d.AccountId == account.Id)).ShouldBe(2);
        (await db.OutboxMessages.CountAsync(m => m.To == account.Email && m.Subject == StaleDeviceEmail.Subject)).ShouldBe(1);
    }

    [Fact]
    public async Task PasswordChange_ClearsStaleDevicesAndUnlocks()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);
        await ReportAsync(new MailLoginAttempt(account.Email!, "04fb", "203.0.113.7", "imap", null, Stale: true, Success: true));
        for (var i = 0; i < 10; i++)
        {
            await ReportAsync(new MailLoginAttempt(account.Email!, $"{i:x4}", "203.0.113.7", "imap", null, Success: false));
        }

        await using (var scope = _host.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
            (await db.Users.SingleAsync(a => a.Id == account.Id)).LockoutEnd.ShouldNotBeNull();
            var changed = await scope.ServiceProvider.GetRequiredService<Core.Passwords.ChangePasswordHandler>().HandleAsync(
                new Core.Passwords.ChangePasswordCommand(account.Id, null, Password, "Other-Pass2!", "Other-Pass2!", false), Core.Audit.AuditContext.Cli);
            changed.Succeeded.ShouldBeTrue(changed.Failure?.Message);
        }

        await using var check = _host.CreateScope();
        var checkDb = check.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
        (await checkDb.Users.SingleAsync(a => a.Id == account.Id)).LockoutEnd.ShouldBeNull();
        (await checkDb.StaleDevices.AnyAsync(d => d.AccountId == account.Id)).ShouldBeFalse();
    }

    public void Dispose() => _host.Dispose();

    private async Task ReportAsync(MailLoginAttempt attempt)
    {
        await using var scope = _host.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ReportMailLoginHandler>().HandleAsync(attempt);
    }
}
