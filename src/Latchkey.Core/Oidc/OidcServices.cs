using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Lockout;
using Latchkey.Core.Sessions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Core.Oidc;

/// <summary>
/// OpenID Connect: OpenIddict's managers over Latchkey's own context (the CLI registers clients with them), the key
/// ring, and ending grants with sessions or a lock. The server itself, and the dispatcher of back-channel logout
/// tokens, are added by the web host.
/// </summary>
internal static class OidcServices
{
    public static IServiceCollection AddOidc(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<OidcOptions>(configuration, OidcOptions.SectionName);
        services.AddSingleton<LogoutDeliveryKick>();
        services.AddOpenIddict().AddCore(openIddict => openIddict.UseEntityFrameworkCore().UseDbContext<LatchkeyDbContext>());
        services.AddScoped<EndOidcGrantsEverywhere>();
        services.AddScoped<ISignOutEverywhereHook>(provider => provider.GetRequiredService<EndOidcGrantsEverywhere>());
        services.AddScoped<IAccountLockedHook>(provider => provider.GetRequiredService<EndOidcGrantsEverywhere>());
        services.AddScoped<OidcKeyRing>();
        services.AddScoped<RegisterClientHandler>();
        services.AddScoped<ListClientsHandler>();
        services.AddScoped<DeliverLogoutTokensHandler>();
        services.AddScoped<BackchannelLogout>();
        services.AddHttpClient(DeliverLogoutTokensHandler.HttpClientName);
        return services;
    }
}
