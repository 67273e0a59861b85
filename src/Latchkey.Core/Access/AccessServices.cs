using Latchkey.Core.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Core.Access;

/// <summary>The gate handlers pass before acting on an account, and the step-up rule.</summary>
internal static class AccessServices
{
    public static IServiceCollection AddAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<StepUpOptions>(configuration, StepUpOptions.SectionName);
        services.AddScoped<StepUp>();
        services.AddScoped<AccountAccess>();
        return services;
    }
}
