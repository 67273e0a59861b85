using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Passwords.Blocklist;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Passwords;

/// <summary>
/// Hashing and its gate, the rules and blocklist, the change pipeline, the forgot-password queue. Replaces Identity's
/// password validator and hasher with Latchkey's, so each is registered exactly once.
/// </summary>
internal static class PasswordsServices
{
    public static IServiceCollection AddPasswords(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<PasswordHashingOptions>(configuration, PasswordHashingOptions.SectionName);
        services.AddValidatedOptions<BlocklistOptions>(configuration, BlocklistOptions.SectionName);
        services.AddValidatedOptions<PasswordPolicyOptions>(configuration, PasswordPolicyOptions.SectionName);
        services.AddValidatedOptions<PasswordResetOptions>(configuration, PasswordResetOptions.SectionName);
        services.AddOptions<DataProtectionTokenProviderOptions>().Configure<IOptions<PasswordResetOptions>>((tokens, reset) => tokens.TokenLifespan = reset.Value.TokenLifetime);

        services.AddSingleton<PasswordHashingGate>();
        services.AddSingleton<Argon2idHasher>();
        services.AddSingleton<PasswordBlocklist>();
        services.AddScoped<ImportBlocklistHandler>();
        services.AddScoped<PasswordPolicyProvider>();
        services.AddScoped<PasswordHistory>();
        services.AddScoped<PasswordChangeEffects>();
        services.AddScoped<PasswordEmails>();
        services.AddScoped<PasswordChangePipeline>();
        services.AddScoped<ChangePasswordHandler>();
        services.AddScoped<SetPasswordByAdminHandler>();
        services.AddScoped<RequestPasswordResetHandler>();
        services.AddScoped<PasswordResetRateLimit>();
        services.AddScoped<PasswordResetRequests>();
        services.AddSingleton<PasswordResetSignal>();
        services.AddSingleton<PasswordResetWorker>();
        services.AddScoped<ConfirmPasswordResetHandler>();
        services.AddScoped<CheckPasswordHandler>();
        services.AddSingleton<PasswordRules>();
        services.AddScoped<GeneratePasswordHandler>();

        // Identity (DataServices) registers its own validator and hasher; Latchkey's take their place, one each.
        services.RemoveAll<IPasswordValidator<Account>>();
        services.AddScoped<IPasswordValidator<Account>, PasswordPolicyValidator>();
        services.AddScoped<LatchkeyPasswordHasher>();
        services.Replace(ServiceDescriptor.Scoped<IPasswordHasher<Account>>(provider => provider.GetRequiredService<LatchkeyPasswordHasher>()));
        return services;
    }
}
