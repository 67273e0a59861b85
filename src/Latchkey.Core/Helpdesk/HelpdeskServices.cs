using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Core.Helpdesk;

/// <summary>The staff's read models: the account list and details, an account's lockout, the audit log.</summary>
internal static class HelpdeskServices
{
    public static IServiceCollection AddHelpdesk(this IServiceCollection services)
    {
        services.AddScoped<ListAccountsHandler>();
        services.AddScoped<GetAccountDetailsHandler>();
        services.AddScoped<LockoutReader>();
        services.AddScoped<GetLockoutHandler>();
        services.AddScoped<AuditReaders>();
        services.AddScoped<ListAuditEventsHandler>();
        services.AddScoped<ExportAuditEventsHandler>();
        return services;
    }
}
