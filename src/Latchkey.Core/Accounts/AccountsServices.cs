using Latchkey.Core.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Core.Accounts;

/// <summary>An account's life: bootstrap, creation and import, roles, disabling, language, ending its sessions.</summary>
internal static class AccountsServices
{
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<BootstrapOptions>(configuration, BootstrapOptions.SectionName);
        services.AddSingleton<SetupToken>();
        services.AddScoped<CreateAccountHandler>();
        services.AddScoped<BootstrapAdministratorHandler>();
        services.AddScoped<CompleteSetupHandler>();
        services.AddScoped<RevokeAllSessionsHandler>();
        services.AddScoped<SetAccountDisabledHandler>();
        services.AddScoped<SetLanguageHandler>();
        services.AddScoped<FindAccountByEmailHandler>();
        services.AddScoped<ImportAccountsHandler>();
        services.AddScoped<ChangeRoleHandler>();
        return services;
    }
}
