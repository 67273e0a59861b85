using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Core.Domains;

/// <summary>Domains and their own password policies.</summary>
internal static class DomainsServices
{
    public static IServiceCollection AddDomains(this IServiceCollection services)
    {
        services.AddScoped<CreateDomainHandler>();
        services.AddScoped<ListDomainsHandler>();
        services.AddScoped<GetDomainPolicyHandler>();
        services.AddScoped<SetDomainPolicyHandler>();
        services.AddScoped<DomainRegistry>();
        return services;
    }
}
