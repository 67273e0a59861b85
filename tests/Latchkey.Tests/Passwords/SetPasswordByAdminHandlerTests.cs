using FsCheck;
using FsCheck.Fluent;
using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Notifications;
using Latchkey.Core.Passwords;
using Latchkey.Core.Sessions;
using Latchkey.Core.SignIn;
using Latchkey.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Tests.Passwords;

public sealed class SetPasswordByAdminHandlerTests
{
    private const string Old = "Old-Pass-111";

    [Fact]
    public async Task Generate_MeetsTheDomainPolicyEndsSessionsAndWorks()
    {
        using var host = new CoreTestHost();
        var user = await host.CreateAccountAsync("ursula@a.example", Old);
        var helpdesk = await ActorAsync(host, "op@corp.example", Role.Operator, "a.example");
        var session = await SignInAsync(host, user.Email!, Old);

        var result = await ResetAsync(host, new SetPasswordByAdminCommand(user.Id, null, true, RequireChange: true), helpdesk);

        var password = result.Value!.GeneratedPassword!;
        password.Length.ShouldBe(20);
        PasswordPolicy.Default.FailedStaticRules(password, user.Email).ShouldBeEmpty();
        result.Value.SessionsEnded.ShouldBe(1);
        (await ValidateAsync(host, session)).ShouldBeNull();
        await using var scope = host.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().Users.AsNoTracking().SingleAsync(a => a.Id == user.Id);
        stored.MustChangePassword.ShouldBeTrue();
        (await scope.ServiceProvider.GetRequiredService<UserManager<Account>>().CheckPasswordAsync(stored, password)).ShouldBeTrue();
    }

    [Fact]
    public async Task Typed_LogOutUnticked_KeepsSessions()
    {
        using var host = new CoreTestHost();
        var user = await host.CreateAccountAsync("victor@a.example", Old);
        var session = await SignInAsync(host, user.Email!, Old);

        var result = await ResetAsync(host, new SetPasswordByAdminCommand(user.Id, "Typed-New-Pass-7", false, false, SignOutEverywhere: false), Actor.Console);

        result.Value!.GeneratedPassword.ShouldBeNull();
        (await ValidateAsync(host, session)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Typed_BreaksPolicy_PolicyFailureNothingChanged()
    {
        using var host = new CoreTestHost();
        var user = await host.CreateAccountAsync("wendy@a.example", Old);

        var result = await ResetAsync(host, new SetPasswordByAdminCommand(user.Id, "password", false, false), Actor.Console);

        result.Failure!.Code.ShouldBe(ErrorCodes.PasswordPolicy);
        (await SignInAsync(host, user.Email!, Old)).ShouldNotBe(Guid.Empty);
    }

    [Fact]
    public async Task OperatorOnManager_ForbiddenAndAudited()
    {
        using var host = new CoreTestHost();
        var manager = await host.CreateAccountAsync("boss@a.example", Old, Role.Manager, "a.example");
        var helpdesk = await ActorAsync(host, "op@corp.example", Role.Operator, "a.example");

        var result = await ResetAsync(host, new SetPasswordByAdminCommand(manager.Id, null, true, false), helpdesk);

        result.Failure!.Code.ShouldBe(ErrorCodes.Forbidden);
        await using var scope = host.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().AuditEvents.SingleAsync(e => e.Type == AuditEventTypes.Forbidden)).TargetId.ShouldBe(manager.Id);
    }

    [Fact]
    public async Task OperatorOfAnotherDomain_Forbidden()
    {
        using var host = new CoreTestHost();
        var user = await host.CreateAccountAsync("xena@a.example", Old);
        var helpdesk = await ActorAsync(host, "op@corp.example", Role.Operator, "b.example");

        (await ResetAsync(host, new SetPasswordByAdminCommand(user.Id, null, true, false), helpdesk)).Failure!.Code.ShouldBe(ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task ResetOfAManager_UserAndSecurityTeamNoticedOnARealSmtpServer()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        var settings = smtp.Settings();
        settings["Latchkey:SecurityTeam:Emails:0"] = "security@corp.example";
        using var host = new CoreTestHost(settings);
        var manager = await host.CreateAccountAsync("mona@a.example", Old, Role.Manager, "a.example");
        var admin = await ActorAsync(host, "root@corp.example", Role.Administrator, null);

        (await ResetAsync(host, new SetPasswordByAdminCommand(manager.Id, null, true, false), admin)).Succeeded.ShouldBeTrue();
        await using (var scope = host.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<DeliverDueMessagesHandler>().HandleAsync()).Delivered.ShouldBe(2);
        }

        var mail = await smtp.WaitForMessagesAsync(2);
        mail.Single(m => m.Header("To")!.Contains("mona@a.example", StringComparison.Ordinal)).Header("Subject").ShouldBe(PasswordChangedEmail.Subject);
        var notice = mail.Single(m => m.Header("To")!.Contains("security@corp.example", StringComparison.Ordinal));
        notice.Header("Subject")!.ShouldContain("mona@a.example");
        notice.Header("Subject")!.ShouldContain("root@corp.example");
    }

    [Fact]
    public async Task SelfChangeOfAUser_NoSecurityNotice_OfAnAdministrator_Notice()
    {
        using var host = new CoreTestHost(new() { ["Latchkey:SecurityTeam:Emails:0"] = "security@corp.example" });
        var user = await host.CreateAccountAsync("ulla@a.example", Old);
        var admin = await host.CreateAccountAsync("alma@a.example", Old, Role.Administrator);

        foreach (var account in new[] { user, admin })
        {
            await using var scope = host.CreateScope();
            (await scope.ServiceProvider.GetRequiredService<ChangePasswordHandler>().HandleAsync(
                new ChangePasswordCommand(account.Id, null, Old, "New-Pass-222!", "New-Pass-222!", false), AuditContext.Cli)).Succeeded.ShouldBeTrue();
        }

        await using var check = host.CreateScope();
        var recipients = await check.ServiceProvider.GetRequiredService<LatchkeyDbContext>().OutboxMessages.Select(m => m.To).ToListAsync();
        recipients.ShouldBe(["ulla@a.example", "alma@a.example", "security@corp.example"], ignoreOrder: true);
    }

    [Fact]
    public void Generator_AnyValidPolicy_AlwaysSatisfiesIt()
    {
        var policies =
            from min in Gen.Choose(1, 64)
            from extra in Gen.Choose(0, 64)
            from upper in Gen.Elements(true, false)
            from lower in Gen.Elements(true, false)
            from digit in Gen.Elements(true, false)
            from special in Gen.Elements(true, false)
            from name in Gen.Elements(true, false)
            select new PasswordPolicy
            {
                MinLength = min,
                MaxLength = Math.Max(min + extra, 8),
                RequireUpper = upper,
                RequireLower = lower,
                RequireDigit = digit,
                RequireSpecial = special,
                NotUsername = name,
            };

        Prop.ForAll(policies.ToArbitrary(), policy =>
        {
            var password = PasswordGenerator.Generate(policy, "someone@example.com");
            return policy.FailedStaticRules(password, "someone@example.com").Count == 0;
        }).QuickCheckThrowOnFailure();
    }

    private static async Task<Actor> ActorAsync(CoreTestHost host, string email, Role role, string? domain)
    {
        var account = await host.CreateAccountAsync(email, Old, role, domain);
        return new Actor(account.Id, email, account.Roles);
    }

    private static async Task<Result<PasswordSetByAdmin>> ResetAsync(CoreTestHost host, SetPasswordByAdminCommand command, Actor actor)
    {
        await using var scope = host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<SetPasswordByAdminHandler>().HandleAsync(command, actor, new AuditContext(actor.AccountId, actor.Email, "192.0.2.1", "test"));
    }

    private static readonly Dictionary<Guid, string> _tokens = [];

    private static async Task<Guid> SignInAsync(CoreTestHost host, string email, string password)
    {
        await using var scope = host.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<SignInHandler>().HandleAsync(new SignInRequest(email, password, "127.0.0.1", "test"));
        if (!result.Succeeded)
        {
            return Guid.Empty;
        }

        lock (_tokens)
        {
            _tokens[result.Value.Session.Id] = result.Value.Token;
        }

        return result.Value.Session.Id;
    }

    private static async Task<AuthenticatedSession?> ValidateAsync(CoreTestHost host, Guid session)
    {
        await using var scope = host.CreateScope();
        string token;
        lock (_tokens)
        {
            token = _tokens[session];
        }

        return await scope.ServiceProvider.GetRequiredService<ValidateSessionHandler>().HandleAsync(token);
    }
}
