using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Core.Audit;

/// <summary>The audit log's writer, its chain key and interceptor, and the chain check.</summary>
internal static class AuditServices
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddSingleton<AuditChainKey>();
        services.AddSingleton<AuditChainInterceptor>();
        services.AddScoped<AuditLog>();
        services.AddScoped<VerifyAuditChainHandler>();
        return services;
    }
}
