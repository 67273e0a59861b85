using Latchkey.Core;
using Latchkey.Core.Access;
using Latchkey.Core.Accounts;
using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Latchkey.Core.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Latchkey.Tests.Infrastructure;

/// <summary>
/// The real <c>AddLatchkeyCore</c> over a <see cref="TestStore"/>, migrated, with a manual clock. A store passed in
/// belongs to the caller (another host sharing it, as a second node would) and is not dropped here.
/// </summary>
public sealed class CoreTestHost : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly bool _ownsStore;

    public CoreTestHost(Dictionary<string, string?>? extraSettings = null, TestStore? store = null, bool migrate = true)
    {
        _ownsStore = store is null;
        Store = store ?? TestStore.Create();
        var settings = Store.Settings;
        foreach (var (key, value) in extraSettings ?? [])
        {
            settings[key] = value;
        }

        Configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(Configuration);
        services.AddSingleton<TimeProvider>(Clock);
        services.AddLatchkeyCore(Configuration);
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        if (migrate)
        {
            using var scope = CreateScope();
            scope.ServiceProvider.GetRequiredService<SchemaMigrator>().MigrateAsync().GetAwaiter().GetResult();
        }
    }

    public TestStore Store { get; }

    public IConfiguration Configuration { get; }

    public ManualTimeProvider Clock { get; } = new();

    public IServiceProvider Services => _services;

    public AsyncServiceScope CreateScope() => _services.CreateAsyncScope();

    public async Task<Account> CreateAccountAsync(string email, string? password, Role role = Role.User, string? domain = null, bool mailbox = false)
    {
        await using var scope = CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<CreateAccountHandler>()
            .HandleAsync(new CreateAccountCommand(email, role, domain, mailbox, password), Actor.Console, AuditContext.Cli);
        Assert.True(result.Succeeded, result.Failure?.Message);
        return result.Value!.Account;
    }

    public void Dispose()
    {
        _services.Dispose();
        if (_ownsStore)
        {
            Store.Dispose();
        }
    }
}
