using Latchkey.Core.Common;
using Latchkey.Core.SignIn;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Core.TwoFactor;

/// <summary>The second factor's options and handlers, and its part of the sign-in (<see cref="ISignInSecondStep"/>).</summary>
internal static class TwoFactorServices
{
    public static IServiceCollection AddTwoFactor(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<TwoFactorOptions>(configuration, TwoFactorOptions.SectionName);
        services.AddSingleton<TotpSecrets>();
        services.AddScoped<TwoFactorPolicy>();
        services.AddScoped<ISignInSecondStep, TwoFactorSignInStep>();
        services.AddScoped<SecondFactorVerifier>();
        services.AddScoped<SecondFactorFailures>();
        services.AddScoped<SecondFactorChanges>();
        services.AddScoped<CompleteTwoFactorSignInHandler>();
        services.AddScoped<SignInChallenges>();
        services.AddScoped<SetUpTotpHandler>();
        services.AddScoped<GetPendingTotpSetupHandler>();
        services.AddScoped<ConfirmTotpHandler>();
        services.AddScoped<RemoveTotpHandler>();
        services.AddScoped<RegenerateRecoveryCodesHandler>();
        services.AddScoped<VerifyStepUpHandler>();
        services.AddScoped<GetTwoFactorStatusHandler>();
        services.AddScoped<ResetSecondFactorHandler>();
        services.AddScoped<GetTwoFactorPolicyHandler>();
        services.AddScoped<SetTwoFactorPolicyHandler>();
        services.AddSingleton<PasskeyRelyingParty>();
        services.AddScoped<PasskeyCeremonies>();
        services.AddScoped<PasskeyAssertions>();
        services.AddScoped<BeginPasskeyRegistrationHandler>();
        services.AddScoped<FinishPasskeyRegistrationHandler>();
        services.AddScoped<RemovePasskeyHandler>();
        services.AddScoped<RenamePasskeyHandler>();
        services.AddScoped<BeginPasskeyStepUpHandler>();
        services.AddScoped<VerifyPasskeyStepUpHandler>();
        services.AddScoped<PasskeySignInHandler>();
        return services;
    }
}
