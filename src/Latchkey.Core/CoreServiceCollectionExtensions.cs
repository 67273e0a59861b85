using Latchkey.Core.Access;
using Latchkey.Core.Accounts;
using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Latchkey.Core.Domains;
using Latchkey.Core.Helpdesk;
using Latchkey.Core.Lockout;
using Latchkey.Core.Mailboxes;
using Latchkey.Core.Notifications;
using Latchkey.Core.Oidc;
using Latchkey.Core.Passwords;
using Latchkey.Core.Sessions;
using Latchkey.Core.SignIn;
using Latchkey.Core.Store;
using Latchkey.Core.Tokens;
using Latchkey.Core.TwoFactor;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Latchkey.Core;

/// <summary>
/// The one entry point of Latchkey.Core: each folder registers its own services, bottom to top in the order of
/// docs/architecture.md. The context is composed here, the one place that knows the interceptors of every folder.
/// </summary>
internal static class CoreServiceCollectionExtensions
{
    public static IServiceCollection AddLatchkeyCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        // The options are built once (singleton): built per scope, every request paid for the provider set-up and
        // EF's internal service-provider lookup again (bench/signin-overhead.sh). The interceptors are singletons.
        services.AddDbContext<LatchkeyDbContext>((provider, options) =>
        {
            DataServices.ConfigureStore(provider, configuration, options);
            options.AddInterceptors(
                provider.GetRequiredService<SessionInvalidationInterceptor>(),
                provider.GetRequiredService<AuditChainInterceptor>(),
                provider.GetRequiredService<LogoutDeliveryKick>());
        }, ServiceLifetime.Scoped, ServiceLifetime.Singleton);
        return services
            .AddData(configuration)
            .AddAudit()
            .AddStore()
            .AddAccess(configuration)
            .AddNotifications(configuration)
            .AddSessions(configuration)
            .AddLockout(configuration)
            .AddTokens(configuration)
            .AddPasswords(configuration)
            .AddDomains()
            .AddAccounts(configuration)
            .AddMailboxes(configuration)
            .AddSignIn()
            .AddTwoFactor(configuration)
            .AddOidc(configuration)
            .AddHelpdesk();
    }
}
