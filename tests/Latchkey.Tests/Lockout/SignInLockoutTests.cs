using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Lockout;
using Latchkey.Core.SignIn;
using Latchkey.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Tests.Lockout;

/// <summary>Web sign-in failures feed the same counters as mail logins (DESIGN.md flow 5).</summary>
public sealed class SignInLockoutTests : IDisposable
{
    private const string Password = "Valid-Pass1";
    private readonly CoreTestHost _host = new();

    [Fact]
    public async Task SignIn_TenDistinctWrongPasswords_LockedAndRightPasswordFromUnknownSourceRefusedLikeWrongOne()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password);
        foreach (var wrong in WrongPasswords.Distinct("", account.Email!, 10))
        {
            (await SignInAsync(account.Email!, wrong)).Failure!.Code.ShouldBe(ErrorCodes.InvalidCredentials);
        }

        var result = await SignInAsync(account.Email!, Password);

        result.Failure.ShouldBe(new Failure(ErrorCodes.InvalidCredentials, SignInHandler.RefusedMessage));
        await using var scope = _host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
        (await db.Sessions.AnyAsync(s => s.AccountId == account.Id)).ShouldBeFalse();
        (await db.Users.AsNoTracking().SingleAsync(a => a.Id == account.Id)).LockoutEnd.ShouldNotBeNull();
        (await scope.ServiceProvider.GetRequiredService<Core.Lockout.AccountLock>().ReasonAsync(account.Id)).ShouldStartWith("This account is locked after 10 failed logins");
    }

    [Fact]
    public async Task SignIn_SameWrongPasswordTwentyTimes_CountsOnceAndRightPasswordWorks()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password);
        for (var i = 0; i < 20; i++)
        {
            await SignInAsync(account.Email!, "Old-Saved-Pass1");
        }

        (await SignInAsync(account.Email!, Password)).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task SignIn_WrongPasswordsOnTheWebAndOverImap_CountTogether()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);
        var wrong = WrongPasswords.Distinct("", account.Email!, 10);
        await using (var scope = _host.CreateScope())
        {
            var report = scope.ServiceProvider.GetRequiredService<Core.Mailboxes.ReportMailLoginHandler>();
            foreach (var password in wrong.Take(5))
            {
                await report.HandleAsync(new Core.Mailboxes.MailLoginAttempt(account.Email!, DovecotPwHash.Compute("", account.Email!, password), "203.0.113.7", "imap", null, Success: false));
            }
        }

        foreach (var password in wrong.Skip(5))
        {
            await SignInAsync(account.Email!, password);
        }

        (await SignInAsync(account.Email!, Password)).Failure!.Code.ShouldBe(ErrorCodes.InvalidCredentials);
        await using var check = _host.CreateScope();
        (await check.ServiceProvider.GetRequiredService<LatchkeyDbContext>().Users.AsNoTracking().SingleAsync(a => a.Id == account.Id)).LockoutEnd.ShouldNotBeNull();
    }

    public void Dispose() => _host.Dispose();

    private async Task<Latchkey.Core.Common.Result<SignedIn>> SignInAsync(string email, string password)
    {
        _host.Clock.Advance(TimeSpan.FromSeconds(1));
        await using var scope = _host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<SignInHandler>().HandleAsync(new SignInRequest(email, password, "203.0.113.7", "test"));
    }
}
