using Latchkey.Core.Lockout;
using Latchkey.Core.Mailboxes;
using Latchkey.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Tests.Mailboxes;

public sealed class CheckMailLoginHandlerTests : IDisposable
{
    private const string Password = "Valid-Pass1";
    private readonly CoreTestHost _host = new(new() { ["Latchkey:Lockout:IpDelayAfter"] = "2", ["Latchkey:Lockout:IpRefuseAfter"] = "4" });

    [Fact]
    public async Task Allow_UnlockedMailbox_Zero()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);

        (await AllowAsync(new MailLoginAttempt(account.Email!, "0123", "203.0.113.7", "imap", null))).ShouldBe(MailLoginVerdict.Allow);
    }

    [Fact]
    public async Task Allow_LockedMailbox_AnsweredExactlyAsAnUnknownUser()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);
        await using (var scope = _host.CreateScope())
        {
            var lockout = scope.ServiceProvider.GetRequiredService<FailureCounter>();
            for (var i = 0; i < 10; i++)
            {
                await lockout.RecordFailureAsync(new FailedLogin(account.Id, account.Email!, $"192.0.2.{i}", "imap", $"{i:x4}"));
            }
        }

        var verdict = await AllowAsync(new MailLoginAttempt(account.Email!.ToUpperInvariant(), "0123", "203.0.113.7", "imap", null));

        // Dovecot's passdb queries hide the mailbox from this address; a refusal here would carry [ALERT] and tell it exists.
        verdict.ShouldBe(await AllowAsync(new MailLoginAttempt("nobody-" + account.Email, "0123", "203.0.113.7", "imap", null)));
    }

    [Fact]
    public async Task Allow_AfterThePreviousPasswordMatched_MinusOneSayingSo()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);

        var verdict = await AllowAsync(new MailLoginAttempt(account.Email!, "0123", "203.0.113.7", "imap", null, Stale: true));

        verdict.ShouldBe(new MailLoginVerdict(-1, CheckMailLoginHandler.StaleMessage));
    }

    [Fact]
    public async Task Allow_AddressWithManyFailures_DelayedThenRefused()
    {
        var statuses = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await AllowAsync(new MailLoginAttempt($"nobody{i}@example.com", "0123", "198.51.100.77", "imap", null))).Status);
            await using var scope = _host.CreateScope();
            await scope.ServiceProvider.GetRequiredService<ReportMailLoginHandler>().HandleAsync(
                new MailLoginAttempt($"nobody{i}@example.com", "0123", "198.51.100.77", "imap", null, Success: false));
        }

        statuses.ShouldBe([0, 0, 1, 2, -1]);
    }

    [Fact]
    public async Task Report_FailureForAccountWithoutMailbox_CountedForTheAddressOnly()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password);
        await using var scope = _host.CreateScope();
        var report = scope.ServiceProvider.GetRequiredService<ReportMailLoginHandler>();

        for (var i = 0; i < 12; i++)
        {
            await report.HandleAsync(new MailLoginAttempt(account.Email!, $"{i:x4}", $"192.0.2.{i}", "imap", null, Success: false));
        }

        var db = scope.ServiceProvider.GetRequiredService<Core.Data.LatchkeyDbContext>();
        db.LoginFailures.Count(f => f.Login == account.Email).ShouldBe(12);
        db.LoginFailures.Count(f => f.AccountId == account.Id).ShouldBe(0);
    }

    public void Dispose() => _host.Dispose();

    private async Task<MailLoginVerdict> AllowAsync(MailLoginAttempt attempt)
    {
        await using var scope = _host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CheckMailLoginHandler>().HandleAsync(attempt);
    }
}
