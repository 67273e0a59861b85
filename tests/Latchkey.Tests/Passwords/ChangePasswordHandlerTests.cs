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

namespace Latchkey.Tests.Passwords;

public sealed class ChangePasswordHandlerTests : IDisposable
{
    private const string Old = "Old-Pass-111";
    private const string New = "New-Pass-222";
    private readonly CoreTestHost _host = new();

    [Fact]
    public async Task HandleAsync_Valid_StoresHashHistoryAuditEndsOtherSessionsKeepsThisOne()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Old);
        var here = await SignInAsync(account, Old);
        var phone = await SignInAsync(account, Old);

        var result = await ChangeAsync(account, here, Old, New, New);

        result.Succeeded.ShouldBeTrue(result.Failure?.Message);
        result.Value!.SessionsEnded.ShouldBe(1);
        (await ValidateAsync(here)).ShouldNotBeNull();
        (await ValidateAsync(phone)).ShouldBeNull();
        (await CanSignInAsync(account, New)).ShouldBeTrue();
        (await CanSignInAsync(account, Old)).ShouldBeFalse();
        await using var scope = _host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
        (await db.PasswordHistory.CountAsync(h => h.AccountId == account.Id)).ShouldBe(2);
        (await db.AuditEvents.SingleAsync(e => e.Type == AuditEventTypes.PasswordChanged)).Outcome.ShouldBe(AuditEventTypes.Success);
        (await db.Users.SingleAsync(a => a.Id == account.Id)).PasswordChangedAt.ShouldBe(_host.Clock.GetUtcNow());
    }

    [Fact]
    public async Task HandleAsync_SignOutEverywhere_EndsThisSessionToo()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Old);
        var here = await SignInAsync(account, Old);

        var result = await ChangeAsync(account, here, Old, New, New, signOutEverywhere: true);

        result.Value!.CurrentSessionEnded.ShouldBeTrue();
        (await ValidateAsync(here)).ShouldBeNull();
    }

    [Fact]
    public async Task HandleAsync_WrongCurrentPassword_InvalidCurrentPasswordNothingChanges()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Old);
        var other = await SignInAsync(account, Old);

        var result = await ChangeAsync(account, null, "Not-The-Pass-1", New, New);

        result.Failure!.Code.ShouldBe(ErrorCodes.InvalidCurrentPassword);
        result.Failure.Errors!.Keys.ShouldBe([ChangePasswordHandler.CurrentPasswordField]);
        (await CanSignInAsync(account, Old)).ShouldBeTrue();
        (await ValidateAsync(other)).ShouldNotBeNull();
        await using var scope = _host.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().AuditEvents
            .SingleAsync(e => e.Type == AuditEventTypes.PasswordChanged)).Detail.ShouldBe(ErrorCodes.InvalidCurrentPassword);
    }

    [Fact]
    public async Task HandleAsync_ConfirmationDiffers_MismatchWithoutHashing()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Old);
        var gate = _host.Services.GetRequiredService<PasswordHashingGate>();
        var before = gate.TotalEntered;

        var result = await ChangeAsync(account, null, Old, New, New + "x");

        result.Failure!.Code.ShouldBe(ErrorCodes.PasswordMismatch);
        result.Failure.Errors!.Keys.ShouldBe([ChangePasswordHandler.ConfirmPasswordField]);
        gate.TotalEntered.ShouldBe(before);
    }

    [Theory]
    [InlineData("", New, New)]
    [InlineData(Old, "", "")]
    public async Task HandleAsync_MissingField_Validation(string current, string next, string confirm)
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Old);

        (await ChangeAsync(account, null, current, next, confirm)).Failure!.Code.ShouldBe(ErrorCodes.Validation);
    }

    [Fact]
    public async Task HandleAsync_NewPasswordBreaksRules_PolicyWithRuleIds()
    {
        const string Email = "mallory@example.com";
        var account = await _host.CreateAccountAsync(Email, Old);

        var result = await ChangeAsync(account, null, Old, "mallory", "mallory");

        result.Failure!.Code.ShouldBe(ErrorCodes.PasswordPolicy);
        result.Failure.Errors![ChangePasswordHandler.NewPasswordField].ShouldBe(
            [PasswordRuleIds.MinLength, PasswordRuleIds.RequireUpper, PasswordRuleIds.RequireDigit, PasswordRuleIds.RequireSpecial, PasswordRuleIds.NotUsername, PasswordRuleIds.Blocklist],
            ignoreOrder: true);
        (await CanSignInAsync(account, Old)).ShouldBeTrue();
    }

    [Theory]
    [InlineData("P@ssw0rd")]
    public async Task HandleAsync_BlocklistedButOtherwiseCompliant_RefusedWithBlocklistOnly(string common)
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Old);
        _host.Services.GetRequiredService<Core.Passwords.Blocklist.PasswordBlocklist>().Contains(common).ShouldBeTrue();
        PasswordPolicy.Default.FailedStaticRules(common, account.Email).ShouldBeEmpty();

        var result = await ChangeAsync(account, null, Old, common, common);

        result.Failure!.Code.ShouldBe(ErrorCodes.PasswordPolicy);
        result.Failure.Errors![ChangePasswordHandler.NewPasswordField].ShouldBe([PasswordRuleIds.Blocklist]);
    }

    [Fact]
    public async Task HandleAsync_DomainPolicyWithBlocklistOff_AllowsACommonPassword()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(domain: "lax.example"), Old);
        await using (var scope = _host.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().Domains.Where(d => d.Name == "lax.example")
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.PasswordPolicy, PasswordPolicyProvider.Serialize(PasswordPolicy.Default with { Blocklist = false })));
        }

        (await ChangeAsync(account, null, Old, "P@ssw0rd", "P@ssw0rd")).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task HandleAsync_ReuseOfEachOfLastFive_RefusedSixthAllowed()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), "Pass-Number-0!");
        var current = "Pass-Number-0!";
        for (var i = 1; i <= 5; i++)
        {
            _host.Clock.Advance(TimeSpan.FromMinutes(1));
            var next = $"Pass-Number-{i}!";
            (await ChangeAsync(account, null, current, next, next)).Succeeded.ShouldBeTrue();
            current = next;
        }

        for (var i = 1; i <= 5; i++)
        {
            var reused = $"Pass-Number-{i}!";
            var result = await ChangeAsync(account, null, current, reused, reused);
            result.Failure?.Errors?[ChangePasswordHandler.NewPasswordField].ShouldBe([PasswordRuleIds.History], $"password {i}");
        }

        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        (await ChangeAsync(account, null, current, "Pass-Number-0!", "Pass-Number-0!")).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task HandleAsync_DomainWithNistPolicy_EnforcesItsLength()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(domain: "nist.example"), Old);
        await using (var scope = _host.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().Domains.Where(d => d.Name == "nist.example")
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.PasswordPolicy, PasswordPolicyProvider.Serialize(PasswordPolicy.Nist80063B)));
        }

        (await ChangeAsync(account, null, Old, "Short-Pass-99!", "Short-Pass-99!")).Failure!.Errors![ChangePasswordHandler.NewPasswordField].ShouldBe([PasswordRuleIds.MinLength]);
        (await ChangeAsync(account, null, Old, "long enough without classes", "long enough without classes")).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task HandleAsync_TwoConcurrentChangesFromSameCurrentPassword_ExactlyOneWins()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Old);

        var results = await Task.WhenAll(
            Task.Run(() => ChangeAsync(account, null, Old, "First-Winner-1", "First-Winner-1")),
            Task.Run(() => ChangeAsync(account, null, Old, "Second-Winner-2", "Second-Winner-2")));

        results.Count(r => r.Succeeded).ShouldBe(1);
        var loser = results.Single(r => !r.Succeeded).Failure!;
        loser.Code.ShouldBeOneOf(ErrorCodes.Conflict, ErrorCodes.InvalidCurrentPassword);
        var winner = results[0].Succeeded ? "First-Winner-1" : "Second-Winner-2";
        (await CanSignInAsync(account, winner)).ShouldBeTrue();
        await using var scope = _host.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().PasswordHistory.CountAsync(h => h.AccountId == account.Id)).ShouldBe(2);
    }

    [Fact]
    public async Task HandleAsync_CompatibilityCharacters_SamePasswordAfterNfkc()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Old);

        (await ChangeAsync(account, null, Old, "Ofﬁce-Pass-1", "Ofﬁce-Pass-1")).Succeeded.ShouldBeTrue();

        (await CanSignInAsync(account, "Office-Pass-1")).ShouldBeTrue();
    }

    private async Task<Result<PasswordChanged>> ChangeAsync(Account account, Guid? session, string current, string next, string confirm, bool signOutEverywhere = false)
    {
        await using var scope = _host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ChangePasswordHandler>().HandleAsync(
            new ChangePasswordCommand(account.Id, session, current, next, confirm, signOutEverywhere), AuditContext.Cli);
    }

    private async Task<Guid> SignInAsync(Account account, string password)
    {
        await using var scope = _host.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<SignInHandler>().HandleAsync(new SignInRequest(account.Email!, password, "127.0.0.1", "test"));
        _tokens[result.Value!.Session.Id] = result.Value.Token;
        return result.Value.Session.Id;
    }

    private readonly Dictionary<Guid, string> _tokens = [];

    private async Task<AuthenticatedSession?> ValidateAsync(Guid session)
    {
        await using var scope = _host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ValidateSessionHandler>().HandleAsync(_tokens[session]);
    }

    private async Task<bool> CanSignInAsync(Account account, string password)
    {
        await using var scope = _host.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().Users.AsNoTracking().SingleAsync(a => a.Id == account.Id);
        return await scope.ServiceProvider.GetRequiredService<UserManager<Account>>().CheckPasswordAsync(stored, password);
    }

    public void Dispose() => _host.Dispose();
}
