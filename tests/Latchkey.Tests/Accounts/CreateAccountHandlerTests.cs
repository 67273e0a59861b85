using Latchkey.Core.Access;
using Latchkey.Core.Accounts;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Passwords;
using Latchkey.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Tests.Accounts;

public sealed class CreateAccountHandlerTests : IDisposable
{
    private readonly CoreTestHost _host = new();

    [Fact]
    public async Task HandleAsync_NewUser_StoresAccountRoleDomainAndAudit()
    {
        await using var scope = _host.CreateScope();
        var handler = scope.ServiceProvider.GetRequiredService<CreateAccountHandler>();

        var result = await handler.HandleAsync(new CreateAccountCommand(" Jane@Example.COM ", Role.User, Mailbox: true, Password: "Valid-Pass1"), Actor.Console, AuditContext.Cli);

        result.Succeeded.ShouldBeTrue();
        var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
        var account = await db.Users.Include(a => a.Roles).SingleAsync(a => a.Email == "jane@example.com");
        account.Domain.ShouldBe("example.com");
        account.MailboxAccess.ShouldBeTrue();
        account.PasswordHash!.ShouldStartWith("$argon2id$");
        account.Roles.Single().ShouldSatisfyAllConditions(r => r.Role.ShouldBe(Role.User), r => r.Domain.ShouldBe("example.com"));
        (await db.Domains.AnyAsync(d => d.Name == "example.com")).ShouldBeTrue();
        (await db.AuditEvents.CountAsync(e => e.Type == AuditEventTypes.AccountCreated && e.TargetId == account.Id)).ShouldBe(1);
    }

    [Fact]
    public async Task HandleAsync_SameAddressTwiceInAnyCase_SecondIsConflict()
    {
        await _host.CreateAccountAsync("twice@example.com", "Valid-Pass1");
        await using var scope = _host.CreateScope();

        var result = await scope.ServiceProvider.GetRequiredService<CreateAccountHandler>()
            .HandleAsync(new CreateAccountCommand("TWICE@example.com", Role.User, Password: "Valid-Pass1"), Actor.Console, AuditContext.Cli);

        result.Failure!.Code.ShouldBe(ErrorCodes.Conflict);
    }

    [Fact]
    public async Task HandleAsync_SameAddressManyAtOnce_OneCreatedTheOthersConflictNothingThrown()
    {
        // Without a password, so the hashing gate (which refuses a client's excess) stays out and only the race is tested.
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            await using var scope = _host.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<CreateAccountHandler>()
                .HandleAsync(new CreateAccountCommand(i % 2 == 0 ? "race@example.com" : "RACE@example.com", Role.Administrator), Actor.Console, AuditContext.Cli);
        }));

        results.Count(r => r.Succeeded).ShouldBe(1);
        results.Where(r => !r.Succeeded).Select(r => r.Failure!.Code + ": " + r.Failure.Message).ShouldAllBe(m => m.StartsWith(ErrorCodes.Conflict + ":", StringComparison.Ordinal));
        await using var check = _host.CreateScope();
        (await check.ServiceProvider.GetRequiredService<LatchkeyDbContext>().Users.CountAsync(a => a.Email == "race@example.com")).ShouldBe(1);
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-at-sign")]
    [InlineData("@example.com")]
    [InlineData("jane@")]
    [InlineData("jane@localhost")]
    [InlineData("ja ne@example.com")]
    [InlineData("jane@exa_mple.com")]
    [InlineData("jane..doe@example.com")]
    public async Task HandleAsync_InvalidAddress_Validation(string email)
    {
        await using var scope = _host.CreateScope();

        var result = await scope.ServiceProvider.GetRequiredService<CreateAccountHandler>()
            .HandleAsync(new CreateAccountCommand(email, Role.User, Password: "Valid-Pass1"), Actor.Console, AuditContext.Cli);

        result.Failure!.Code.ShouldBe(ErrorCodes.Validation);
        result.Failure.Errors!.Keys.ShouldContain("email");
    }

    [Theory]
    [InlineData(Role.Operator)]
    [InlineData(Role.Manager)]
    public async Task HandleAsync_ScopedRoleWithoutDomain_Validation(Role role)
    {
        await using var scope = _host.CreateScope();

        var result = await scope.ServiceProvider.GetRequiredService<CreateAccountHandler>()
            .HandleAsync(new CreateAccountCommand(UniqueEmail.New(), role, Password: "Valid-Pass1"), Actor.Console, AuditContext.Cli);

        result.Failure!.Errors!.Keys.ShouldContain("domain");
    }

    [Fact]
    public async Task HandleAsync_OperatorWithDomain_RoleScopedToThatDomain()
    {
        await using var scope = _host.CreateScope();

        var result = await scope.ServiceProvider.GetRequiredService<CreateAccountHandler>()
            .HandleAsync(new CreateAccountCommand("helpdesk@corp.example", Role.Operator, "Customer.Example", Password: "Valid-Pass1"), Actor.Console, AuditContext.Cli);

        result.Value!.Account.Roles.Single().Domain.ShouldBe("customer.example");
        var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
        (await db.Domains.Select(d => d.Name).OrderBy(n => n).ToListAsync()).ShouldBe(["corp.example", "customer.example"]);
    }

    [Fact]
    public async Task HandleAsync_PasswordBreaksPolicy_PasswordPolicyWithRuleIdsAndNothingStored()
    {
        await using var scope = _host.CreateScope();
        var email = UniqueEmail.New("weak");

        var result = await scope.ServiceProvider.GetRequiredService<CreateAccountHandler>()
            .HandleAsync(new CreateAccountCommand(email, Role.User, Password: "short"), Actor.Console, AuditContext.Cli);

        result.Failure!.Code.ShouldBe(ErrorCodes.PasswordPolicy);
        result.Failure.Errors!["password"].ShouldBe(
            [PasswordRuleIds.MinLength, PasswordRuleIds.RequireUpper, PasswordRuleIds.RequireDigit, PasswordRuleIds.RequireSpecial, PasswordRuleIds.Blocklist],
            ignoreOrder: true);
        var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
        (await db.Users.AnyAsync(a => a.Email == email)).ShouldBeFalse();
        (await db.AuditEvents.AnyAsync(e => e.TargetEmail == email)).ShouldBeFalse();
    }

    [Fact]
    public async Task HandleAsync_Generate_ReturnsPolicyCompliantPasswordThatVerifies()
    {
        await using var scope = _host.CreateScope();

        var result = await scope.ServiceProvider.GetRequiredService<CreateAccountHandler>()
            .HandleAsync(new CreateAccountCommand(UniqueEmail.New(), Role.User, Generate: true), Actor.Console, AuditContext.Cli);

        var password = result.Value!.GeneratedPassword!;
        password.Length.ShouldBe(PasswordGenerator.DefaultLength);
        PasswordPolicy.Default.FailedStaticRules(password, result.Value.Account.Email).ShouldBeEmpty();
        (await scope.ServiceProvider.GetRequiredService<UserManager<Account>>().CheckPasswordAsync(result.Value.Account, password)).ShouldBeTrue();
    }

    [Fact]
    public async Task HandleAsync_NoPassword_AccountWithoutPassword()
    {
        await using var scope = _host.CreateScope();

        var result = await scope.ServiceProvider.GetRequiredService<CreateAccountHandler>()
            .HandleAsync(new CreateAccountCommand(UniqueEmail.New(), Role.User), Actor.Console, AuditContext.Cli);

        result.Value!.Account.PasswordHash.ShouldBeNull();
        result.Value.GeneratedPassword.ShouldBeNull();
    }

    public void Dispose() => _host.Dispose();
}
