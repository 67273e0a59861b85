using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Core.Store;

/// <summary>The schema migrator, backup and restore.</summary>
internal static class StoreServices
{
    public static IServiceCollection AddStore(this IServiceCollection services)
    {
        services.AddScoped<SchemaMigrator>();
        services.AddScoped<BackupStoreHandler>();
        services.AddScoped<RestoreStoreHandler>();
        return services;
    }
}
