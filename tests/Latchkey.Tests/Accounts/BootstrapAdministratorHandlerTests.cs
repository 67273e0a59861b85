using Latchkey.Core.Accounts;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Tests.Accounts;

public sealed class BootstrapAdministratorHandlerTests
{
    [Fact]
    public async Task HandleAsync_EmptyStoreWithSettings_CreatesAdministratorOnce()
    {
        using var host = new CoreTestHost(new() { ["Latchkey:Bootstrap:AdminEmail"] = "root@example.com", ["Latchkey:Bootstrap:AdminPassword"] = "Strong-Pass-42" });
        await using var scope = host.CreateScope();
        var handler = scope.ServiceProvider.GetRequiredService<BootstrapAdministratorHandler>();

        var first = await handler.HandleAsync();
        var second = await handler.HandleAsync();

        first.State.ShouldBe(BootstrapState.AdministratorCreated);
        second.State.ShouldBe(BootstrapState.AccountsExist);
        var admin = await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().Users.Include(a => a.Roles).SingleAsync();
        admin.Email.ShouldBe("root@example.com");
        admin.Roles.Single().ShouldSatisfyAllConditions(r => r.Role.ShouldBe(Role.Administrator), r => r.Domain.ShouldBeNull());
    }

    [Fact]
    public async Task HandleAsync_EmptyStoreWithoutSettings_IssuesSetupTokenThatWorksOnce()
    {
        using var host = new CoreTestHost();
        await using var scope = host.CreateScope();

        var outcome = await scope.ServiceProvider.GetRequiredService<BootstrapAdministratorHandler>().HandleAsync();

        outcome.State.ShouldBe(BootstrapState.SetupLinkIssued);
        var complete = scope.ServiceProvider.GetRequiredService<CompleteSetupHandler>();
        (await complete.HandleAsync("wrong-token", "a@example.com", "Strong-Pass-42", AuditContext.Cli)).Failure!.Code.ShouldBe(ErrorCodes.NotFound);
        (await complete.HandleAsync(outcome.SetupToken!, "a@example.com", "weak", AuditContext.Cli)).Failure!.Code.ShouldBe(ErrorCodes.PasswordPolicy);
        (await complete.HandleAsync(outcome.SetupToken!, "a@example.com", "Strong-Pass-42", AuditContext.Cli)).Succeeded.ShouldBeTrue();
        (await complete.HandleAsync(outcome.SetupToken!, "b@example.com", "Strong-Pass-42", AuditContext.Cli)).Failure!.Code.ShouldBe(ErrorCodes.NotFound);
        (await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().Users.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task CompleteSetup_ManyConcurrentUsesOfOneToken_ExactlyOneAdministrator()
    {
        using var host = new CoreTestHost();
        string token;
        await using (var scope = host.CreateScope())
        {
            token = (await scope.ServiceProvider.GetRequiredService<BootstrapAdministratorHandler>().HandleAsync()).SetupToken!;
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(async i =>
        {
            await using var scope = host.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<CompleteSetupHandler>().HandleAsync(token, $"admin{i}@example.com", "Strong-Pass-42", AuditContext.Cli);
        }));

        results.Count(r => r.Succeeded).ShouldBe(1);
        await using var check = host.CreateScope();
        (await check.ServiceProvider.GetRequiredService<LatchkeyDbContext>().Users.CountAsync()).ShouldBe(1);
    }
}
