using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Lockout;
using Latchkey.Core.Mailboxes;
using Latchkey.Core.SignIn;
using Latchkey.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Tests.Lockout;

/// <summary>A lock holds for unknown sources only (docs/lockout.md): device cookies on the web, known addresses by mail.</summary>
public sealed class TrustedSourcesTests : IDisposable
{
    private const string Password = "Valid-Pass1";
    private const string Owner = "192.0.2.10";
    private const string Attacker = "203.0.113.66";
    private readonly CoreTestHost _host = new();

    [Fact]
    public async Task SignIn_KnownBrowserWhileLockedForOthers_SignsInAndOthersAreRefused()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password);
        var cookie = (await SignInAsync(account.Email!, Password, Owner)).Value!.DeviceCookie;
        cookie.ShouldNotBeNullOrEmpty();

        await GuessAsync(account.Email!, 10);

        (await ReloadLockoutEndAsync(account.Id)).ShouldNotBeNull();
        var stranger = await SignInAsync(account.Email!, Password, Attacker);
        stranger.Failure!.Code.ShouldBe(ErrorCodes.InvalidCredentials);
        stranger.Failure.Message.ShouldBe(SignInHandler.RefusedMessage);
        var sameAddressNoCookie = await SignInAsync(account.Email!, Password, Owner);
        sameAddressNoCookie.Failure!.Code.ShouldBe(ErrorCodes.InvalidCredentials);
        var owner = await SignInAsync(account.Email!, Password, Owner, cookie);
        owner.Succeeded.ShouldBeTrue();
        owner.Value!.DeviceCookie.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task SignIn_KnownBrowserWithWrongPassword_StillRefused()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password);
        var cookie = (await SignInAsync(account.Email!, Password, Owner)).Value!.DeviceCookie;
        await GuessAsync(account.Email!, 10);

        (await SignInAsync(account.Email!, "Not-The-Pass1", Owner, cookie)).Failure!.Message.ShouldBe(SignInHandler.RefusedMessage);
    }

    [Fact]
    public async Task SignIn_DeviceCookieOfAnotherAccountOrAltered_IsAnUnknownSource()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password);
        var other = await _host.CreateAccountAsync(UniqueEmail.New(), Password);
        var othersCookie = (await SignInAsync(other.Email!, Password, Owner)).Value!.DeviceCookie!;
        await GuessAsync(account.Email!, 10);

        (await SignInAsync(account.Email!, Password, Owner, othersCookie)).Succeeded.ShouldBeFalse();
        (await SignInAsync(account.Email!, Password, Owner, othersCookie[..^2] + "AA")).Succeeded.ShouldBeFalse();
    }

    [Fact]
    public async Task SignIn_TenGuessesADayForSixtyDays_OwnersDeviceSignsInEveryDayAndLocksStayBounded()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password);
        var cookie = (await SignInAsync(account.Email!, Password, Owner)).Value!.DeviceCookie;

        for (var day = 0; day < 60; day++)
        {
            await GuessAsync(account.Email!, 10);
            var lockoutEnd = await ReloadLockoutEndAsync(account.Id);
            lockoutEnd.ShouldNotBeNull();
            (lockoutEnd.Value - _host.Clock.GetUtcNow()).ShouldBeLessThanOrEqualTo(TimeSpan.FromDays(1));

            var signedIn = await SignInAsync(account.Email!, Password, Owner, cookie);

            signedIn.Succeeded.ShouldBeTrue($"day {day}");
            cookie = signedIn.Value!.DeviceCookie;
            _host.Clock.Advance(TimeSpan.FromDays(1));
        }
    }

    [Fact]
    public async Task SignIn_TrickleOfGuesses_EscalationStartsOverOnceLocksAreFarApart()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password);
        await GuessAsync(account.Email!, 10);
        _host.Clock.Advance(TimeSpan.FromMinutes(20));
        await GuessAsync(account.Email!, 10);
        var second = (await ReloadLockoutEndAsync(account.Id))!.Value - _host.Clock.GetUtcNow();
        _host.Clock.Advance(TimeSpan.FromDays(3));

        await GuessAsync(account.Email!, 10);

        second.ShouldBeGreaterThan(TimeSpan.FromMinutes(15));
        ((await ReloadLockoutEndAsync(account.Id))!.Value - _host.Clock.GetUtcNow()).ShouldBeLessThanOrEqualTo(TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task SignIn_KnownDeviceGuessing_NeverLocksTheAccountAndLosesItsOwnTrust()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password);
        var cookie = (await SignInAsync(account.Email!, Password, Owner)).Value!.DeviceCookie;

        foreach (var wrong in WrongPasswords.Distinct("", account.Email!, 10))
        {
            await SignInAsync(account.Email!, wrong, Owner, cookie);
        }

        (await ReloadLockoutEndAsync(account.Id)).ShouldBeNull();
        await using var scope = _host.CreateScope();
        var devices = scope.ServiceProvider.GetRequiredService<TrustedDevices>();
        var stored = await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().Users.AsNoTracking().SingleAsync(a => a.Id == account.Id);
        (await devices.KnownDeviceAsync(stored, cookie)).ShouldBeNull();
        _host.Clock.Advance(TimeSpan.FromHours(2));
        (await devices.KnownDeviceAsync(stored, cookie)).ShouldNotBeNull();
    }

    [Fact]
    public async Task MailLogin_LockedForOthers_KnownAddressStaysKnownAndStrangersFailuresNoLongerCount()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);
        await ReportAsync(account.Email!, "0aaa", Owner, success: true);
        foreach (var i in Enumerable.Range(0, 10))
        {
            await ReportAsync(account.Email!, $"0{i:x3}", Attacker, success: false);
        }

        var lockedUntil = await ReloadLockoutEndAsync(account.Id);
        foreach (var i in Enumerable.Range(0, 20))
        {
            await ReportAsync(account.Email!, $"1{i:x3}", Attacker, success: false);
        }

        await using var scope = _host.CreateScope();
        var known = scope.ServiceProvider.GetRequiredService<KnownMailSources>();
        (await known.IsKnownAsync(account.Id, Owner)).ShouldBeTrue();
        (await known.IsKnownAsync(account.Id, Attacker)).ShouldBeFalse();
        lockedUntil.ShouldNotBeNull();
        var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
        (await db.LoginFailures.CountAsync(f => f.AccountId == account.Id)).ShouldBe(10);
        (await AllowAsync(account.Email!, Attacker)).ShouldBe(await AllowAsync("nobody-" + account.Email, Attacker));
    }

    [Fact]
    public async Task MailLogin_KnownAddressFailingTenDistinctTimes_NeverLocksAndIsUnknownAgain()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);
        await ReportAsync(account.Email!, "0aaa", Owner, success: true);

        foreach (var i in Enumerable.Range(0, 10))
        {
            await ReportAsync(account.Email!, $"0{i:x3}", Owner, success: false);
        }

        (await ReloadLockoutEndAsync(account.Id)).ShouldBeNull();
        await using var scope = _host.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<KnownMailSources>().IsKnownAsync(account.Id, Owner)).ShouldBeFalse();
    }

    public void Dispose() => _host.Dispose();

    private async Task GuessAsync(string email, int count)
    {
        foreach (var wrong in WrongPasswords.Distinct("", email, count))
        {
            await SignInAsync(email, wrong, Attacker);
        }
    }

    private async Task<Result<SignedIn>> SignInAsync(string email, string password, string ip, string? cookie = null)
    {
        _host.Clock.Advance(TimeSpan.FromSeconds(1));
        await using var scope = _host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<SignInHandler>().HandleAsync(new SignInRequest(email, password, ip, "test", cookie));
    }

    private async Task ReportAsync(string email, string pwHash, string ip, bool success)
    {
        _host.Clock.Advance(TimeSpan.FromSeconds(1));
        await using var scope = _host.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ReportMailLoginHandler>().HandleAsync(new MailLoginAttempt(email, pwHash, ip, "imap", null, Success: success));
    }

    private async Task<MailLoginVerdict> AllowAsync(string email, string ip)
    {
        await using var scope = _host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CheckMailLoginHandler>().HandleAsync(new MailLoginAttempt(email, "0bbb", ip, "imap", null));
    }

    private async Task<DateTimeOffset?> ReloadLockoutEndAsync(Guid accountId)
    {
        await using var scope = _host.CreateScope();
        var end = await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().Users.AsNoTracking().Where(a => a.Id == accountId).Select(a => a.LockoutEnd).SingleAsync();
        return end > _host.Clock.GetUtcNow() ? end : null;
    }
}
