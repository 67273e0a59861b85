using System.Net.Http.Json;
using Latchkey.Core.Access;
using Latchkey.Core.Accounts;
using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Latchkey.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Web.Tests.Infrastructure;

/// <summary>The real host (Program) in process, on a <see cref="TestStore"/> of its own.</summary>
public class LatchkeyWebFactory : WebApplicationFactory<Program>
{
    public LatchkeyWebFactory()
        : this(TestStore.Create())
    {
    }

    protected LatchkeyWebFactory(TestStore store) => Store = store;

    public TestStore Store { get; }

    public Dictionary<string, string?> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var (key, value) in Store.Settings.Concat(Settings))
        {
            builder.UseSetting(key, value);
        }
    }

    public async Task<Account> CreateAccountAsync(string email, string? password, Role role = Role.User, string? domain = null, bool mailbox = false)
    {
        await using var scope = Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<CreateAccountHandler>()
            .HandleAsync(new CreateAccountCommand(email, role, domain, mailbox, password), Actor.Console, AuditContext.Cli);
        Assert.True(result.Succeeded, result.Failure?.Message);
        return result.Value!.Account;
    }

    /// <summary>A client holding a fresh session cookie of <paramref name="email"/>.</summary>
    public async Task<HttpClient> SignedInClientAsync(string email, string password)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostAsJsonAsync("/api/v1/session", new { email, password });
        response.EnsureSuccessStatusCode();
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Store.Dispose();
        }
    }
}
