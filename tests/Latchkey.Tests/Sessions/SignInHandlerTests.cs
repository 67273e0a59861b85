using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Passwords;
using Latchkey.Core.Sessions;
using Latchkey.Core.SignIn;
using Latchkey.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Tests.Sessions;

public sealed class SignInHandlerTests : IDisposable
{
    private const string Password = "Valid-Pass1";
    private readonly CoreTestHost _host = new();

    [Fact]
    public async Task HandleAsync_RightPassword_OpensSessionStoringOnlyTheTokenHash()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password);

        var result = await SignInAsync(account.Email!, Password);

        result.Succeeded.ShouldBeTrue();
        await using var scope = _host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
        var session = await db.Sessions.SingleAsync(s => s.AccountId == account.Id);
        session.TokenHash.ShouldBe(SessionTokens.Hash(result.Value!.Token));
        session.ExpiresAt.ShouldBe(_host.Clock.GetUtcNow() + TimeSpan.FromDays(14));
        session.Ip.ShouldBe("203.0.113.7");
        (await db.AuditEvents.SingleAsync(e => e.Type == AuditEventTypes.SignIn && e.TargetId == account.Id)).Outcome.ShouldBe(AuditEventTypes.Success);
    }

    [Fact]
    public async Task HandleAsync_FourRefusalKinds_SameAnswerSameHashingWork()
    {
        var plain = await _host.CreateAccountAsync(UniqueEmail.New(), Password);
        var changed = await _host.CreateAccountAsync(UniqueEmail.New(), Password);
        var locked = await _host.CreateAccountAsync(UniqueEmail.New(), Password);
        await using (var scope = _host.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
            var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<Account>>();
            db.PasswordHistory.Add(new PasswordHistoryEntry
            {
                Id = Guid.NewGuid(),
                AccountId = changed.Id,
                PasswordHash = hasher.HashPassword(changed, "Old-Pass1"),
                CreatedAt = _host.Clock.GetUtcNow().AddDays(-1),
            });
            await db.SaveChangesAsync();
            await db.Users.Where(a => a.Id == locked.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.LockoutEnd, _host.Clock.GetUtcNow().AddHours(1)));
        }

        var gate = _host.Services.GetRequiredService<PasswordHashingGate>();
        _host.Services.GetRequiredService<Argon2idHasher>().VerifyDummy("warm up the dummy hash");
        var attempts = new (string Email, string Password)[]
        {
            ("nobody-" + plain.Email, Password),
            (plain.Email!, "Wrong-Pass1"),
            (changed.Email!, "Wrong-Pass1"),
            (locked.Email!, Password),
        };

        var failures = new List<Failure>();
        var work = new List<long>();
        foreach (var (email, password) in attempts)
        {
            var before = gate.TotalEntered;
            failures.Add((await SignInAsync(email, password)).Failure!);
            work.Add(gate.TotalEntered - before);
        }

        failures.Distinct().ShouldHaveSingleItem().ShouldBe(new Failure(ErrorCodes.InvalidCredentials, SignInHandler.RefusedMessage));
        work.ShouldAllBe(w => w == SignInPasswordCheck.RefusalVerifications);
        await using var check = _host.CreateScope();
        var reasons = await check.ServiceProvider.GetRequiredService<LatchkeyDbContext>().AuditEvents
            .Where(e => e.Type == AuditEventTypes.SignIn && e.Outcome == AuditEventTypes.Failure).Select(e => e.Detail).ToListAsync();
        reasons.ShouldBe(["unknown_account", "wrong_password", "wrong_password", "locked"], ignoreOrder: true);
    }

    [Fact]
    public async Task HandleAsync_PreviousPassword_SameAnswerAndWorkRecordedAsStaleDevice()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password);
        await using (var scope = _host.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
            db.PasswordHistory.Add(new PasswordHistoryEntry
            {
                Id = Guid.NewGuid(),
                AccountId = account.Id,
                PasswordHash = scope.ServiceProvider.GetRequiredService<IPasswordHasher<Account>>().HashPassword(account, "Old-Pass1"),
                CreatedAt = _host.Clock.GetUtcNow().AddDays(-1),
            });
            await db.SaveChangesAsync();
        }

        var gate = _host.Services.GetRequiredService<PasswordHashingGate>();
        var before = gate.TotalEntered;

        var result = await SignInAsync(account.Email!, "Old-Pass1");

        (gate.TotalEntered - before).ShouldBe(SignInPasswordCheck.RefusalVerifications);
        result.Failure.ShouldBe(new Failure(ErrorCodes.InvalidCredentials, SignInHandler.RefusedMessage));
        await using var check = _host.CreateScope();
        (await check.ServiceProvider.GetRequiredService<LatchkeyDbContext>().StaleDevices.AnyAsync(d => d.AccountId == account.Id)).ShouldBeTrue();
    }

    [Fact]
    public async Task HandleAsync_DisabledAccountRightPassword_RefusedLikeWrongPassword()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password);
        await using (var scope = _host.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
            await db.Users.Where(a => a.Id == account.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Disabled, true));
        }

        var result = await SignInAsync(account.Email!, Password);

        result.Failure!.Code.ShouldBe(ErrorCodes.InvalidCredentials);
        await using var check = _host.CreateScope();
        var db2 = check.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
        (await db2.Sessions.AnyAsync(s => s.AccountId == account.Id)).ShouldBeFalse();
        (await db2.AuditEvents.AnyAsync(e => e.TargetId == account.Id && e.Detail == "disabled")).ShouldBeTrue();
    }

    [Fact]
    public async Task HandleAsync_AccountWithoutPassword_Refused()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), null);

        (await SignInAsync(account.Email!, "")).Failure!.Code.ShouldBe(ErrorCodes.InvalidCredentials);
    }

    [Fact]
    public async Task HandleAsync_PasswordOver4KiB_ValidationWithoutHashing()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password);
        var gate = _host.Services.GetRequiredService<PasswordHashingGate>();
        var before = gate.TotalEntered;

        var result = await SignInAsync(account.Email!, new string('a', PasswordSize.MaxBytes + 1));

        result.Failure!.Code.ShouldBe(ErrorCodes.Validation);
        gate.TotalEntered.ShouldBe(before);
    }

    [Fact]
    public async Task HandleAsync_HashWithOlderParameters_RehashedWithConfiguredOnes()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password);
        using var stronger = new CoreTestHost(new() { ["Latchkey:Passwords:Hashing:Iterations"] = "3" }, _host.Store, migrate: false);

        await using var scope = stronger.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<SignInHandler>().HandleAsync(new SignInRequest(account.Email!, Password, "127.0.0.1", "test"));

        result.Succeeded.ShouldBeTrue();
        var stored = await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().Users.AsNoTracking().SingleAsync(a => a.Id == account.Id);
        stored.PasswordHash!.ShouldStartWith("$argon2id$v=19$m=1024,t=3,p=1$");
    }

    [Fact]
    public async Task HandleAsync_ImportedIdentityV3Hash_SignsInAndUpgradesToArgon2id()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), null);
        var v3 = new PasswordHasher<Account>().HashPassword(account, "Imported-Pass1");
        await using (var scope = _host.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().Users.Where(a => a.Id == account.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.PasswordHash, v3));
        }

        var result = await SignInAsync(account.Email!, "Imported-Pass1");

        result.Succeeded.ShouldBeTrue();
        await using var check = _host.CreateScope();
        var stored = await check.ServiceProvider.GetRequiredService<LatchkeyDbContext>().Users.AsNoTracking().SingleAsync(a => a.Id == account.Id);
        stored.PasswordHash!.ShouldStartWith("$argon2id$");
        (await SignInAsync(account.Email!, "Imported-Pass1")).Succeeded.ShouldBeTrue();
    }

    private async Task<Result<SignedIn>> SignInAsync(string email, string password)
    {
        await using var scope = _host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<SignInHandler>().HandleAsync(new SignInRequest(email, password, "203.0.113.7", "Mozilla/5.0 test"));
    }

    public void Dispose() => _host.Dispose();
}
