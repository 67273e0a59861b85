using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Core.SignIn;

/// <summary>The web sign-in: the password step, its constant-cost check, and opening the session.</summary>
internal static class SignInServices
{
    public static IServiceCollection AddSignIn(this IServiceCollection services)
    {
        services.AddScoped<SignInHandler>();
        services.AddScoped<SignInPasswordCheck>();
        services.AddScoped<SessionOpener>();
        services.AddScoped<SignInSource>();
        services.AddScoped<SignInRefusals>();
        services.AddScoped<SignInCompletion>();
        services.AddScoped<SignInAccounts>();
        return services;
    }
}
