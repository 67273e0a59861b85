using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Core.Common;

/// <summary>How every feature registers its options class: bound to its section, validated, checked at start.</summary>
internal static class OptionsRegistration
{
    public static IServiceCollection AddValidatedOptions<TOptions>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
