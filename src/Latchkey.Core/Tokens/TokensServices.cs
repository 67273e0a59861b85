using Latchkey.Core.Common;
using Latchkey.Core.Sessions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Core.Tokens;

/// <summary>Personal API tokens, and their end when every session of the account ends.</summary>
internal static class TokensServices
{
    public static IServiceCollection AddTokens(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ApiTokenOptions>(configuration, ApiTokenOptions.SectionName);
        services.AddScoped<ISignOutEverywhereHook, EndTokensEverywhere>();
        services.AddScoped<ApiTokenRevoker>();
        services.AddScoped<CreateApiTokenHandler>();
        services.AddScoped<ListApiTokensHandler>();
        services.AddScoped<ListAccountTokensHandler>();
        services.AddScoped<RevokeApiTokenHandler>();
        services.AddScoped<ValidateApiTokenHandler>();
        return services;
    }
}
