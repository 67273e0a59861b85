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

/// <summary>
/// The one password-change pipeline: everything a change brings commits together or not at all, and a refusal is
/// read and audited as the plan says.
/// </summary>
public sealed class PasswordChangePipelineTests : IDisposable
{
    private const string Old = "Old-Pass-111";
    private const string New = "New-Pass-222";
    private readonly CoreTestHost _host = new();

    [Fact]
    public async Task RunAsync_PlanWriteFailsAfterTheHashIsSet_NothingCommits()
    {
        var account = await _host.CreateAccountAsync("gil@example.com", Old);
        var session = await SignInAsync(account.Email!, Old);
        var plan = new PasswordChangePlan(AuditEventTypes.PasswordReset, "test")
        {
            AlsoAsync = (_, _) => throw new InvalidOperationException("the store went away"),
        };

        await Should.ThrowAsync<InvalidOperationException>(() => RunAsync(account.Id, plan, (users, a) => users.ChangePasswordAsync(a, Old, New)));

        (await SignInAsync(account.Email!, Old)).ShouldNotBeNull();
        (await SignInAsync(account.Email!, New)).ShouldBeNull();
        await using var scope = _host.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<ValidateSessionHandler>().HandleAsync(session!)).ShouldNotBeNull();
        var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
        (await db.PasswordHistory.CountAsync(h => h.AccountId == account.Id)).ShouldBe(1);
        (await db.AuditEvents.CountAsync(e => e.Type == AuditEventTypes.PasswordReset)).ShouldBe(0);
        (await db.OutboxMessages.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task RunAsync_PolicyRefusal_ReadOnTheNewPasswordFieldAuditedOnlyWhenThePlanSaysSo()
    {
        var account = await _host.CreateAccountAsync("hal@example.com", Old);
        var audited = new PasswordChangePlan(AuditEventTypes.PasswordChanged, "test") { RefusalDetail = failure => "seen:" + failure.Code };
        var silent = new PasswordChangePlan(AuditEventTypes.PasswordReset, "test");

        var first = await RunAsync(account.Id, audited, (users, a) => users.ChangePasswordAsync(a, Old, "password"));
        var second = await RunAsync(account.Id, silent, (users, a) => users.ChangePasswordAsync(a, Old, "password"));

        first.Failure!.Code.ShouldBe(ErrorCodes.PasswordPolicy);
        first.Failure.Errors!.Keys.ShouldBe([PasswordChangePipeline.NewPasswordField]);
        second.Failure!.Code.ShouldBe(ErrorCodes.PasswordPolicy);
        await using var scope = _host.CreateScope();
        var events = await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().AuditEvents
            .Where(e => e.Type == AuditEventTypes.PasswordChanged || e.Type == AuditEventTypes.PasswordReset).ToListAsync();
        var refusal = events.ShouldHaveSingleItem();
        refusal.Outcome.ShouldBe(AuditEventTypes.Failure);
        refusal.Detail.ShouldBe("seen:" + ErrorCodes.PasswordPolicy);
    }

    private async Task<Result<int>> RunAsync(Guid accountId, PasswordChangePlan plan, Func<UserManager<Account>, Account, Task<IdentityResult>> setPassword)
    {
        await using var scope = _host.CreateScope();
        var account = await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().Users.SingleAsync(a => a.Id == accountId);
        return await scope.ServiceProvider.GetRequiredService<PasswordChangePipeline>().RunAsync(account, plan, setPassword, AuditContext.Cli, CancellationToken.None);
    }

    private async Task<string?> SignInAsync(string email, string password)
    {
        await using var scope = _host.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<SignInHandler>().HandleAsync(new SignInRequest(email, password, "127.0.0.1", "test"));
        return result.Succeeded ? result.Value.Token : null;
    }

    public void Dispose() => _host.Dispose();
}
