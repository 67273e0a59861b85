using Latchkey.Core.Access;
using Latchkey.Core.Accounts;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Domains;
using Latchkey.Core.Helpdesk;
using Latchkey.Core.Lockout;
using Latchkey.Core.Oidc;
using Latchkey.Core.Passwords;
using Latchkey.Core.Tokens;
using Latchkey.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Tests.Accounts;

/// <summary>
/// Every Core handler that acts for someone decides itself, with <see cref="AccessPolicy"/>: called as the wrong
/// actor it answers <see cref="ErrorCodes.Forbidden"/>, called as the CLI (<see cref="Actor.Console"/>) it does not.
/// On the configured provider (SQLite or PostgreSQL).
/// </summary>
public sealed class HandlerAuthorizationTests : IDisposable
{
    private const string Password = "Valid-Pass1";
    private readonly CoreTestHost _host = new();

    /// <summary>A handler called for <paramref name="actor"/> on a fresh User account in a fresh domain; its failure or null.</summary>
    public delegate Task<Failure?> HandlerCall(IServiceProvider services, Actor actor, Account target);

    public static TheoryData<string> Handlers => [.. Cases.Keys];

    private static Dictionary<string, (AccessRule Rule, HandlerCall Call)> Cases { get; } = new()
    {
        ["SetAccountDisabled"] = (AccessRule.Account, async (s, a, t) => (await s.GetRequiredService<SetAccountDisabledHandler>().HandleAsync(t.Id, true, a, AuditContext.Cli)).Failure),
        ["RevokeAllSessions"] = (AccessRule.Account, async (s, a, t) => (await s.GetRequiredService<RevokeAllSessionsHandler>().HandleAsync(t.Id, null, a, AuditContext.Cli)).Failure),
        ["RevokeApiToken"] = (AccessRule.Account, async (s, a, t) => (await s.GetRequiredService<RevokeApiTokenHandler>().HandleAsync(t.Id, Guid.NewGuid(), a, AuditContext.Cli)).Failure),
        ["ListAccountTokens"] = (AccessRule.Account, async (s, a, t) => (await s.GetRequiredService<ListAccountTokensHandler>().HandleAsync(t.Id, a, AuditContext.Cli)).Failure),
        ["GetLockout"] = (AccessRule.Account, async (s, a, t) => (await s.GetRequiredService<GetLockoutHandler>().HandleAsync(t.Id, a, AuditContext.Cli)).Failure),
        ["UnlockAccount"] = (AccessRule.Account, async (s, a, t) => (await s.GetRequiredService<UnlockAccountHandler>().HandleAsync(t.Id, a, AuditContext.Cli)).Failure),
        ["GetAccountDetails"] = (AccessRule.Account, async (s, a, t) => (await s.GetRequiredService<GetAccountDetailsHandler>().HandleAsync(t.Id, a)).Failure),
        ["ChangeRole"] = (AccessRule.Account, async (s, a, t) => (await s.GetRequiredService<ChangeRoleHandler>().HandleAsync(t.Id, Role.Operator, t.Domain, true, a, AuditContext.Cli)).Failure),
        ["SetPasswordByAdmin"] = (AccessRule.Account, async (s, a, t) => (await s.GetRequiredService<SetPasswordByAdminHandler>().HandleAsync(new SetPasswordByAdminCommand(t.Id, null, true, false), a, AuditContext.Cli)).Failure),
        ["CreateAccount"] = (AccessRule.Domain, async (s, a, t) => (await s.GetRequiredService<CreateAccountHandler>().HandleAsync(new CreateAccountCommand($"new-{Guid.NewGuid():N}@{t.Domain}", Role.User, Generate: true), a, AuditContext.Cli)).Failure),
        ["SetDomainPolicy"] = (AccessRule.HiddenDomain, async (s, a, t) => (await s.GetRequiredService<SetDomainPolicyHandler>().HandleAsync(t.Domain, null, a, AuditContext.Cli)).Failure),
        ["ListAccounts"] = (AccessRule.Staff, async (s, a, t) => (await s.GetRequiredService<ListAccountsHandler>().HandleAsync(new ListAccountsQuery(), a)).Failure),
        ["ListDomains"] = (AccessRule.Staff, async (s, a, t) => (await s.GetRequiredService<ListDomainsHandler>().HandleAsync(a)).Failure),
        ["CreateDomain"] = (AccessRule.Administrator, async (s, a, t) => (await s.GetRequiredService<CreateDomainHandler>().HandleAsync($"d{Guid.NewGuid():N}.test", a, AuditContext.Cli)).Failure),
        ["ListAuditEvents"] = (AccessRule.Administrator, async (s, a, t) => (await s.GetRequiredService<ListAuditEventsHandler>().HandleAsync(new ListAuditEventsQuery(new AuditEventFilter()), a, AuditContext.Cli)).Failure),
        ["ExportAuditEvents"] = (AccessRule.Administrator, async (s, a, t) => (await s.GetRequiredService<ExportAuditEventsHandler>().HandleAsync(new AuditEventFilter(), a, AuditContext.Cli)).Failure),
        ["ImportAccounts"] = (AccessRule.Administrator, async (s, a, t) => (await s.GetRequiredService<ImportAccountsHandler>().HandleAsync(
            new StringReader($"email,role\nimported-{Guid.NewGuid():N}@{t.Domain},User\n"), a, AuditContext.Cli)).Failure),
        ["ListClients"] = (AccessRule.Administrator, async (s, a, t) => (await s.GetRequiredService<ListClientsHandler>().HandleAsync(a)).Failure),
        ["RegisterClient"] = (AccessRule.Administrator, async (s, a, t) => (await s.GetRequiredService<RegisterClientHandler>().HandleAsync(
            new RegisterClientCommand($"Probe {Guid.NewGuid():N}", ["https://app.example/callback"], null, null, false), a, AuditContext.Cli)).Failure),
    };

    private enum AccessRule
    {
        Account,
        Domain,

        /// <summary>As <see cref="Domain"/>, but one with no role there is told it does not exist (not found).</summary>
        HiddenDomain,
        Staff,
        Administrator,
    }

    [Theory]
    [MemberData(nameof(Handlers))]
    public async Task Handler_WrongActor_ForbiddenAndTheConsolePasses(string handler)
    {
        var (rule, call) = Cases[handler];
        var domain = $"d{Guid.NewGuid():N}.test";
        var other = $"d{Guid.NewGuid():N}.test";
        var refused = new List<(string Name, Account Account)>
        {
            ("a User of the domain", await _host.CreateAccountAsync($"user@{domain}", Password)),
        };
        if (rule is AccessRule.Account or AccessRule.Domain or AccessRule.HiddenDomain)
        {
            refused.Add(("an Operator of another domain", await _host.CreateAccountAsync($"op@{other}", Password, Role.Operator, other)));
        }

        if (rule is AccessRule.Administrator)
        {
            refused.Add(("a Manager of the domain", await _host.CreateAccountAsync($"mgr@{domain}", Password, Role.Manager, domain)));
        }

        foreach (var (name, account) in refused)
        {
            var failure = await CallAsync(call, new Actor(account.Id, account.Email!, [.. account.Roles]), domain);

            failure.ShouldNotBeNull($"{handler} let {name} through");
            failure.Code.ShouldBe(rule == AccessRule.HiddenDomain ? ErrorCodes.NotFound : ErrorCodes.Forbidden, $"{handler} as {name}");
        }

        // The console may still meet another failure (no such token), never a refusal.
        (await CallAsync(call, Actor.Console, domain))?.Code.ShouldNotBeOneOf([ErrorCodes.Forbidden, ErrorCodes.StepUpRequired], $"{handler} refused the console");
    }

    [Fact]
    public async Task AccountAccess_Refusal_AuditedAsForbiddenWithTheAction()
    {
        var domain = $"d{Guid.NewGuid():N}.test";
        var user = await _host.CreateAccountAsync($"user@{domain}", Password);
        var target = await _host.CreateAccountAsync($"target@{domain}", null);

        var failure = await CallAsync(Cases["SetAccountDisabled"].Call, new Actor(user.Id, user.Email!, [.. user.Roles]), domain, target);

        failure!.Code.ShouldBe(ErrorCodes.Forbidden);
        await using var scope = _host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
        (await db.Users.AsNoTracking().SingleAsync(a => a.Id == target.Id)).Disabled.ShouldBeFalse();
        var refusal = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.TargetId == target.Id && e.Type == AuditEventTypes.Forbidden);
        refusal.Detail.ShouldBe(nameof(AdminAction.Disable));
    }

    [Fact]
    public async Task RevokeAllSessions_OwnAccount_NeedsNoRole()
    {
        var user = await _host.CreateAccountAsync(UniqueEmail.New(), Password);

        var failure = await CallAsync(Cases["RevokeAllSessions"].Call, new Actor(user.Id, user.Email!, [.. user.Roles]), user.Domain, user);

        failure.ShouldBeNull();
    }

    public void Dispose() => _host.Dispose();

    private async Task<Failure?> CallAsync(HandlerCall call, Actor actor, string domain, Account? target = null)
    {
        target ??= await _host.CreateAccountAsync($"target-{Guid.NewGuid():N}@{domain}", null);
        await using var scope = _host.CreateScope();
        return await call(scope.ServiceProvider, actor, target);
    }
}
