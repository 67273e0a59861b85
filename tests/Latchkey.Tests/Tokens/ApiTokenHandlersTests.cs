using System.Security.Cryptography;
using System.Text;
using Latchkey.Core.Access;
using Latchkey.Core.Accounts;
using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Latchkey.Core.Sessions;
using Latchkey.Core.Tokens;
using Latchkey.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Tests.Tokens;

/// <summary>Create, validate and revoke personal API tokens on the configured provider (SQLite or PostgreSQL).</summary>
public sealed class ApiTokenHandlersTests : IDisposable
{
    private const string Password = "Valid-Pass1";
    private readonly CoreTestHost _host = new();

    [Fact]
    public async Task Create_TokenShapeAndOnlyItsSha256Stored()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password);

        var created = await CreateAsync(account.Id, [ApiTokenScopes.AuditRead, ApiTokenScopes.Account], null);

        created.Secret.ShouldStartWith("lk_");
        created.Secret.Length.ShouldBe(46);
        created.Token.Scopes.ShouldBe([ApiTokenScopes.Account, ApiTokenScopes.AuditRead]);
        (created.Token.ExpiresAt - created.Token.CreatedAt).ShouldBe(TimeSpan.FromDays(90));
        await using var scope = _host.CreateScope();
        var row = await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().ApiTokens.SingleAsync(t => t.Id == created.Token.Id);
        row.TokenHash.ShouldBe(SHA256.HashData(Encoding.ASCII.GetBytes(created.Secret)));
        row.Scopes.ShouldNotContain(created.Secret);
    }

    [Theory]
    [InlineData("", "account", 30, "name")]
    [InlineData("ci", "", 30, "scopes")]
    [InlineData("ci", "admin", 30, "scopes")]
    [InlineData("ci", "account", 0, "expiresInDays")]
    [InlineData("ci", "account", 366, "expiresInDays")]
    public async Task Create_BadInput_ValidationOnTheField(string name, string scope, int days, string field)
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password);
        await using var scopeHandle = _host.CreateScope();

        var result = await scopeHandle.ServiceProvider.GetRequiredService<CreateApiTokenHandler>()
            .HandleAsync(new CreateApiTokenCommand(account.Id, name, [scope], days), AuditContext.Cli);

        result.Succeeded.ShouldBeFalse();
        result.Failure!.Code.ShouldBe("validation");
        result.Failure.Errors!.Keys.ShouldContain(field);
    }

    [Fact]
    public async Task Validate_LiveToken_ScopesAndAccount_ExpiredRefused()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password);
        var created = await CreateAsync(account.Id, [ApiTokenScopes.Account], 1);

        var session = await ValidateAsync(created.Secret);
        session.ShouldNotBeNull();
        session.AccountId.ShouldBe(account.Id);
        session.Scopes.ShouldBe([ApiTokenScopes.Account]);
        session.IsApiToken.ShouldBeTrue();

        _host.Clock.Advance(TimeSpan.FromDays(1));
        (await ValidateAsync(created.Secret)).ShouldBeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("lk_short")]
    [InlineData("lk_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("xx_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("lk_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'-")]
    public async Task Validate_UnknownOrMalformed_Null(string? token)
    {
        (await ValidateAsync(token)).ShouldBeNull();
    }

    [Fact]
    public async Task Validate_LastUsedWrittenAtMostOncePerMinute()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password);
        var created = await CreateAsync(account.Id, [ApiTokenScopes.Account], null);
        var first = _host.Clock.GetUtcNow();

        await ValidateAsync(created.Secret);
        _host.Clock.Advance(TimeSpan.FromSeconds(30));
        await ValidateAsync(created.Secret);
        (await LastUsedAsync(created.Token.Id)).ShouldBe(first);

        _host.Clock.Advance(TimeSpan.FromSeconds(31));
        await ValidateAsync(created.Secret);
        (await LastUsedAsync(created.Token.Id)).ShouldBe(first.AddSeconds(61));
    }

    [Fact]
    public async Task RevokeOne_CachedTokenRefusedOnNextCheck_OthersStay()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password);
        var revoked = await CreateAsync(account.Id, [ApiTokenScopes.Account], null);
        var kept = await CreateAsync(account.Id, [ApiTokenScopes.Account], null);
        (await ValidateAsync(revoked.Secret)).ShouldNotBeNull();

        await using (var scope = _host.CreateScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<RevokeApiTokenHandler>()
                .HandleAsync(account.Id, revoked.Token.Id, new Actor(account.Id, account.Email!, []), AuditContext.Cli);
            result.Succeeded.ShouldBeTrue();
        }

        (await ValidateAsync(revoked.Secret)).ShouldBeNull();
        (await ValidateAsync(kept.Secret)).ShouldNotBeNull();
    }

    [Fact]
    public async Task RevokeByAnotherUser_Refused()
    {
        var owner = await _host.CreateAccountAsync(UniqueEmail.New(), Password);
        var other = await _host.CreateAccountAsync(UniqueEmail.New(), Password);
        var created = await CreateAsync(owner.Id, [ApiTokenScopes.Account], null);
        await using var scope = _host.CreateScope();

        var result = await scope.ServiceProvider.GetRequiredService<RevokeApiTokenHandler>()
            .HandleAsync(owner.Id, created.Token.Id, new Actor(other.Id, other.Email!, [new RoleAssignment { Role = Role.User }]), AuditContext.Cli);

        result.Failure!.Code.ShouldBe("forbidden");
        (await ValidateAsync(created.Secret)).ShouldNotBeNull();
    }

    [Fact]
    public async Task LogOutAllDevices_EndsEveryToken_SignOutOthersDoesNot()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password);
        var created = await CreateAsync(account.Id, [ApiTokenScopes.Account], null);
        (await ValidateAsync(created.Secret)).ShouldNotBeNull();

        await using (var scope = _host.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<RevokeAllSessionsHandler>().HandleAsync(account.Id, Guid.NewGuid(), Actor.Console, AuditContext.Cli);
        }

        (await ValidateAsync(created.Secret)).ShouldNotBeNull();
        await using (var scope = _host.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<RevokeAllSessionsHandler>().HandleAsync(account.Id, null, Actor.Console, AuditContext.Cli);
        }

        (await ValidateAsync(created.Secret)).ShouldBeNull();
    }

    [Fact]
    public async Task Disable_EndsTokens()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password);
        var created = await CreateAsync(account.Id, [ApiTokenScopes.Account], null);
        (await ValidateAsync(created.Secret)).ShouldNotBeNull();

        await using (var scope = _host.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<SetAccountDisabledHandler>().HandleAsync(account.Id, true, Actor.Console, AuditContext.Cli)).Succeeded.ShouldBeTrue();
            (await scope.ServiceProvider.GetRequiredService<SetAccountDisabledHandler>().HandleAsync(account.Id, false, Actor.Console, AuditContext.Cli)).Succeeded.ShouldBeTrue();
        }

        (await ValidateAsync(created.Secret)).ShouldBeNull();
    }

    private async Task<CreatedApiToken> CreateAsync(Guid accountId, string[] scopes, int? days)
    {
        await using var scope = _host.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<CreateApiTokenHandler>()
            .HandleAsync(new CreateApiTokenCommand(accountId, "script", scopes, days), AuditContext.Cli);
        Assert.True(result.Succeeded, result.Failure?.Message);
        return result.Value!;
    }

    private async Task<AuthenticatedSession?> ValidateAsync(string? token)
    {
        await using var scope = _host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ValidateApiTokenHandler>().HandleAsync(token);
    }

    private async Task<DateTimeOffset?> LastUsedAsync(Guid tokenId)
    {
        await using var scope = _host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().ApiTokens.Where(t => t.Id == tokenId).Select(t => t.LastUsedAt).SingleAsync();
    }

    public void Dispose() => _host.Dispose();
}
