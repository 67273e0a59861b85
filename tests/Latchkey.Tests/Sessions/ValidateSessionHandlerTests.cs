using Latchkey.Core.Access;
using Latchkey.Core.Accounts;
using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Latchkey.Core.Sessions;
using Latchkey.Core.SignIn;
using Latchkey.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Tests.Sessions;

public sealed class ValidateSessionHandlerTests : IDisposable
{
    private const string Password = "Valid-Pass1";
    private readonly CoreTestHost _host = new();

    [Fact]
    public async Task HandleAsync_FreshSession_ReturnsAccountAndRoles()
    {
        var (account, token) = await SignInAsync();

        var session = await ValidateAsync(token);

        session.ShouldNotBeNull();
        session.AccountId.ShouldBe(account);
        session.Roles.Single().Role.ShouldBe(Core.Data.Role.User);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("'; DROP TABLE sessions; --aaaaaaaaaaaaaaaaa")]
    public async Task HandleAsync_UnknownOrMalformedToken_Null(string? token)
    {
        (await ValidateAsync(token)).ShouldBeNull();
    }

    [Fact]
    public async Task HandleAsync_CachedSessionRevokedByAnotherScope_NullOnNextCall()
    {
        var (account, token) = await SignInAsync();
        (await ValidateAsync(token)).ShouldNotBeNull();
        _host.Services.GetRequiredService<SessionCache>().Count.ShouldBe(1);

        await using (var scope = _host.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<RevokeAllSessionsHandler>().HandleAsync(account, null, Actor.Console, AuditContext.Cli)).Value.ShouldBe(1);
        }

        (await ValidateAsync(token)).ShouldBeNull();
    }

    [Fact]
    public async Task HandleAsync_AccountChangedAfterCaching_NextCallSeesTheChange()
    {
        var (account, token) = await SignInAsync();
        (await ValidateAsync(token))!.Account.MailboxAccess.ShouldBeFalse();

        await using (var scope = _host.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Users.Where(a => a.Id == account).ExecuteUpdateAsync(s => s.SetProperty(a => a.MailboxAccess, true));
            await scope.ServiceProvider.GetRequiredService<SessionRevoker>().AccountChangedAsync(account);
            await transaction.CommitAsync();
        }

        (await ValidateAsync(token))!.Account.MailboxAccess.ShouldBeTrue();
    }

    [Fact]
    public async Task HandleAsync_RevocationRolledBack_SessionStaysValid()
    {
        var (account, token) = await SignInAsync();
        (await ValidateAsync(token)).ShouldNotBeNull();

        await using (var scope = _host.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await scope.ServiceProvider.GetRequiredService<SessionRevoker>().RevokeAllAsync(account, null, "test");
            await transaction.RollbackAsync();
        }

        (await ValidateAsync(token)).ShouldNotBeNull();
    }

    [Fact]
    public async Task HandleAsync_AfterSignOut_Null()
    {
        var (_, token) = await SignInAsync();
        var session = (await ValidateAsync(token))!;
        await using (var scope = _host.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<SignOutHandler>().HandleAsync(session.AccountId, session.SessionId, AuditContext.Cli)).ShouldBeTrue();
        }

        (await ValidateAsync(token)).ShouldBeNull();
    }

    [Fact]
    public async Task HandleAsync_IdleLongerThanTimeout_Null()
    {
        var (_, token) = await SignInAsync();
        _host.Clock.Advance(TimeSpan.FromHours(8) - TimeSpan.FromSeconds(1));
        (await ValidateAsync(token)).ShouldNotBeNull();

        _host.Clock.Advance(TimeSpan.FromHours(8));

        (await ValidateAsync(token)).ShouldBeNull();
    }

    [Fact]
    public async Task HandleAsync_ActiveButPastAbsoluteLifetime_Null()
    {
        var (_, token) = await SignInAsync();
        for (var hours = 0; hours < 14 * 24 - 7; hours += 7)
        {
            _host.Clock.Advance(TimeSpan.FromHours(7));
            (await ValidateAsync(token)).ShouldNotBeNull();
        }

        _host.Clock.Advance(TimeSpan.FromHours(7));

        (await ValidateAsync(token)).ShouldBeNull();
    }

    [Fact]
    public async Task HandleAsync_RequestsWithinAMinute_LastSeenWrittenOnce()
    {
        var (account, token) = await SignInAsync();
        var signedInAt = _host.Clock.GetUtcNow();

        _host.Clock.Advance(TimeSpan.FromSeconds(30));
        await ValidateAsync(token);
        (await LastSeenAsync(account)).ShouldBe(signedInAt);

        _host.Clock.Advance(TimeSpan.FromSeconds(31));
        await ValidateAsync(token);
        (await LastSeenAsync(account)).ShouldBe(signedInAt + TimeSpan.FromSeconds(61));
    }

    [Fact]
    public async Task HandleAsync_AccountDisabledAfterSignIn_Null()
    {
        var (account, token) = await SignInAsync();
        (await ValidateAsync(token)).ShouldNotBeNull();
        await using (var scope = _host.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<SetAccountDisabledHandler>().HandleAsync(account, true, Actor.Console, AuditContext.Cli)).Succeeded.ShouldBeTrue();
        }

        (await ValidateAsync(token)).ShouldBeNull();
        await using var check = _host.CreateScope();
        (await check.ServiceProvider.GetRequiredService<LatchkeyDbContext>().Sessions.SingleAsync(s => s.AccountId == account)).RevokedReason.ShouldBe("account_disabled");
    }

    private async Task<DateTimeOffset> LastSeenAsync(Guid account)
    {
        await using var scope = _host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().Sessions.Where(s => s.AccountId == account).Select(s => s.LastSeenAt).SingleAsync();
    }

    private async Task<(Guid Account, string Token)> SignInAsync()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password);
        await using var scope = _host.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<SignInHandler>().HandleAsync(new SignInRequest(account.Email!, Password, "127.0.0.1", "test"));
        return (account.Id, result.Value!.Token);
    }

    private async Task<AuthenticatedSession?> ValidateAsync(string? token)
    {
        await using var scope = _host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ValidateSessionHandler>().HandleAsync(token);
    }

    public void Dispose() => _host.Dispose();
}
