using Latchkey.Core.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Core.Sessions;

/// <summary>The session store: validation, the per-node cache and its invalidation, revocation, listing, sweeping.</summary>
internal static class SessionsServices
{
    public static IServiceCollection AddSessions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<LatchkeySessionOptions>(configuration, LatchkeySessionOptions.SectionName);
        services.AddSingleton<SessionCache>();
        services.AddSingleton<SessionSignalFile>();
        services.AddSingleton<SessionInvalidationInterceptor>();
        services.AddScoped<ValidateSessionHandler>();
        services.AddScoped<SignOutHandler>();
        services.AddScoped<SessionRevoker>();
        services.AddScoped<ListSessionsHandler>();
        services.AddScoped<SweepSessionsHandler>();
        return services;
    }
}
