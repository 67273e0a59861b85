using Latchkey.Core.Common;
using Latchkey.Core.Sessions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Core.Lockout;

/// <summary>Failure counting, the lock, the address throttle, trusted devices and mail sources, stale devices.</summary>
internal static class LockoutServices
{
    public static IServiceCollection AddLockout(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<LockoutOptions>(configuration, LockoutOptions.SectionName);
        services.AddScoped<FailedSignInRecorder>();
        services.AddScoped<TrustedDevices>();
        services.AddScoped<KnownMailSources>();
        services.AddScoped<AccountLock>();
        services.AddScoped<FailureCounter>();
        services.AddScoped<AddressThrottle>();
        services.AddScoped<StaleDevices>();
        services.AddScoped<IStaleDeviceSource>(provider => provider.GetRequiredService<StaleDevices>());
        services.AddScoped<UnlockAccountHandler>();
        return services;
    }
}
