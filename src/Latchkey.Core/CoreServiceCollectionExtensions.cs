using Latchkey.Core.Accounts;
using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Latchkey.Core.Domains;
using Latchkey.Core.Lockout;
using Latchkey.Core.Mailboxes;
using Latchkey.Core.Notifications;
using Latchkey.Core.Oidc;
using Latchkey.Core.Passwords;
using Latchkey.Core.Passwords.Blocklist;
using Latchkey.Core.Sessions;
using Latchkey.Core.Tokens;
using Latchkey.Core.TwoFactor;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using LockoutOptions = Latchkey.Core.Lockout.LockoutOptions;

namespace Latchkey.Core;

/// <summary>The one entry point of Latchkey.Core: the store, Identity, hashing and every handler.</summary>
public static class CoreServiceCollectionExtensions
{
    public static IServiceCollection AddLatchkeyCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        AddOptions<LatchkeyOptions>(services, configuration, LatchkeyOptions.SectionName);
        services.PostConfigure<LatchkeyOptions>(latchkey => latchkey.PublicUrl = PublicUrlSetting.Configured(configuration) ?? latchkey.PublicUrl);
        AddOptions<DatabaseOptions>(services, configuration, DatabaseOptions.SectionName);
        AddOptions<PasswordHashingOptions>(services, configuration, PasswordHashingOptions.SectionName);
        AddOptions<BlocklistOptions>(services, configuration, BlocklistOptions.SectionName);
        AddOptions<LatchkeySessionOptions>(services, configuration, LatchkeySessionOptions.SectionName);
        AddOptions<BootstrapOptions>(services, configuration, BootstrapOptions.SectionName);
        AddOptions<PasswordPolicyOptions>(services, configuration, PasswordPolicyOptions.SectionName);
        AddOptions<SecurityTeamOptions>(services, configuration, SecurityTeamOptions.SectionName);
        AddOptions<PasswordResetOptions>(services, configuration, PasswordResetOptions.SectionName);
        services.AddOptions<DataProtectionTokenProviderOptions>().Configure<IOptions<PasswordResetOptions>>((tokens, reset) => tokens.TokenLifespan = reset.Value.TokenLifetime);

        // The key ring lives in the store: every node, and the CLI, protect and unprotect with the same keys. Each key
        // is encrypted with the key file kept outside the database, so a copy of the store alone holds no usable key.
        services.AddDataProtection().SetApplicationName("Latchkey");
        services.AddSingleton<DataProtectionKeyRepository>();
        services.AddSingleton<StoreKeyFile>();
        services.AddSingleton<AuditChainKey>();
        services.AddOptions<KeyManagementOptions>().Configure<DataProtectionKeyRepository, StoreKeyFile>((keys, repository, keyFile) =>
        {
            keys.XmlRepository = repository;
            keys.XmlEncryptor = new KeyFileXmlEncryptor(keyFile);
        });
        AddOptions<SmtpOptions>(services, configuration, SmtpOptions.SectionName);
        AddOptions<OutboxOptions>(services, configuration, OutboxOptions.SectionName);
        AddOptions<LockoutOptions>(services, configuration, LockoutOptions.SectionName);
        AddOptions<MailboxOptions>(services, configuration, MailboxOptions.SectionName);
        AddOptions<ApiTokenOptions>(services, configuration, ApiTokenOptions.SectionName);
        AddOptions<OidcOptions>(services, configuration, OidcOptions.SectionName);

        services.AddSingleton<SessionCache>();
        services.AddSingleton<SessionSignalFile>();
        services.AddSingleton<SessionInvalidationInterceptor>();
        services.AddSingleton<AuditChainInterceptor>();
        services.AddSingleton<LogoutDeliveryKick>();
        services.AddDbContext<LatchkeyDbContext>((provider, options) =>
        {
            ConfigureStore(provider, configuration, options);
            options.AddInterceptors(
                provider.GetRequiredService<SessionInvalidationInterceptor>(),
                provider.GetRequiredService<AuditChainInterceptor>(),
                provider.GetRequiredService<LogoutDeliveryKick>());
        });

        services.AddSingleton<PasswordHashingGate>();
        services.AddSingleton<Argon2idHasher>();
        services.AddSingleton<PasswordBlocklist>();
        services.AddScoped<ImportBlocklistHandler>();
        services.AddSingleton<SetupToken>();
        services.AddScoped<SchemaMigrator>();
        services.AddScoped<AuditLog>();
        services.AddScoped<VerifyAuditChainHandler>();
        services.AddScoped<ListAuditEventsHandler>();
        services.AddScoped<ExportAuditEventsHandler>();
        services.AddScoped<CreateDomainHandler>();
        services.AddScoped<ListDomainsHandler>();
        services.AddScoped<CreateAccountHandler>();
        services.AddScoped<ListAccountsHandler>();
        services.AddScoped<BootstrapAdministratorHandler>();
        services.AddScoped<CompleteSetupHandler>();
        services.AddScoped<SignInHandler>();
        services.AddScoped<FailedSignInRecorder>();
        services.AddScoped<SignInPasswordCheck>();
        services.AddScoped<TrustedDevices>();
        services.AddScoped<KnownMailSources>();
        services.AddScoped<ValidateSessionHandler>();
        services.AddScoped<SignOutHandler>();
        services.AddScoped<SessionRevoker>();
        services.AddScoped<ListSessionsHandler>();
        services.AddScoped<RevokeAllSessionsHandler>();
        services.AddScoped<SweepSessionsHandler>();
        services.AddScoped<SetAccountDisabledHandler>();
        services.AddScoped<SetLanguageHandler>();
        services.AddScoped<GetAccountDetailsHandler>();
        services.AddScoped<FindAccountByEmailHandler>();
        services.AddScoped<ImportAccountsHandler>();
        services.AddScoped<AccountAccess>();
        services.AddScoped<AuditReaders>();
        services.AddScoped<ChangeRoleHandler>();
        services.AddScoped<PasswordPolicyProvider>();
        services.AddScoped<PasswordHistory>();
        services.AddScoped<PasswordChangeEffects>();
        services.AddScoped<PasswordChangePipeline>();
        services.AddScoped<ChangePasswordHandler>();
        services.AddScoped<SetPasswordByAdminHandler>();
        services.AddScoped<RequestPasswordResetHandler>();
        services.AddScoped<PasswordResetRateLimit>();
        services.AddScoped<PasswordResetRequests>();
        services.AddSingleton<PasswordResetSignal>();
        services.AddSingleton<PasswordResetWorker>();
        services.AddScoped<ConfirmPasswordResetHandler>();
        services.AddScoped<SecurityTeamNotices>();
        services.AddScoped<CheckPasswordHandler>();
        services.AddSingleton<PasswordRules>();
        services.AddScoped<GeneratePasswordHandler>();
        services.AddScoped<EmailOutbox>();
        services.AddScoped<DeliverDueMessagesHandler>();
        services.AddScoped<BackupStoreHandler>();
        services.AddScoped<RestoreStoreHandler>();
        services.AddScoped<OutboxDeliveries>();
        services.AddScoped<MailConnectionKicks>();
        services.AddScoped<IOutboxDelivery, Mailboxes.DoveadmKickDelivery>();
        services.AddScoped<PurgeSentMessagesHandler>();
        services.AddScoped<AccountLock>();
        services.AddScoped<FailureCounter>();
        services.AddScoped<AddressThrottle>();
        services.AddScoped<StaleDevices>();
        services.AddScoped<UnlockAccountHandler>();
        services.AddScoped<GetLockoutHandler>();
        services.AddScoped<LockoutReader>();
        services.AddScoped<DovecotPolicySecrets>();
        services.AddScoped<CheckMailLoginHandler>();
        services.AddScoped<ReportMailLoginHandler>();
        services.AddScoped<WriteDovecotConfigHandler>();
        services.AddScoped<CreateAppPasswordHandler>();
        services.AddScoped<ListAppPasswordsHandler>();
        services.AddScoped<RevokeAppPasswordHandler>();
        services.AddTwoFactor(configuration);
        services.AddScoped<ISignOutEverywhereHook, EndTokensEverywhere>();
        services.AddScoped<CloseMailConnections>();
        services.AddScoped<ISignOutEverywhereHook>(provider => provider.GetRequiredService<CloseMailConnections>());
        services.AddScoped<IAccountLockedHook>(provider => provider.GetRequiredService<CloseMailConnections>());
        services.AddScoped<ApiTokenRevoker>();
        services.AddScoped<CreateApiTokenHandler>();
        services.AddScoped<ListApiTokensHandler>();
        services.AddScoped<ListAccountTokensHandler>();
        services.AddScoped<RevokeApiTokenHandler>();
        services.AddScoped<ValidateApiTokenHandler>();

        // OpenID Connect: OpenIddict's managers over Latchkey's own context (the CLI registers clients with them); the
        // server itself, and the dispatcher of back-channel logout tokens, are added by the web host.
        services.AddOpenIddict().AddCore(openIddict => openIddict.UseEntityFrameworkCore().UseDbContext<LatchkeyDbContext>());
        services.AddScoped<EndOidcGrantsEverywhere>();
        services.AddScoped<ISignOutEverywhereHook>(provider => provider.GetRequiredService<EndOidcGrantsEverywhere>());
        services.AddScoped<IAccountLockedHook>(provider => provider.GetRequiredService<EndOidcGrantsEverywhere>());
        services.AddScoped<OidcKeyRing>();
        services.AddScoped<RegisterClientHandler>();
        services.AddScoped<ListClientsHandler>();
        services.AddScoped<DeliverLogoutTokensHandler>();
        services.AddHttpClient(DeliverLogoutTokensHandler.HttpClientName);

        // SMTP once Latchkey:Smtp:Host is set; until then .eml files in the data directory. The dispatcher that drains
        // the outbox (OutboxDispatcher) is added by the web host only, never by a CLI verb.
        services.AddSingleton<SmtpMailTransport>();
        services.AddSingleton<PickupDirectoryTransport>();
        services.AddSingleton<IMailTransport>(provider => provider.GetRequiredService<IOptions<SmtpOptions>>().Value.IsConfigured
            ? provider.GetRequiredService<SmtpMailTransport>()
            : provider.GetRequiredService<PickupDirectoryTransport>());

        services.AddIdentityCore<Account>(options =>
            {
                // Latchkey's PasswordPolicyValidator owns every password rule; Identity's built-in ones stay off.
                options.Password.RequiredLength = 1;
                options.Password.RequiredUniqueChars = 1;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.User.RequireUniqueEmail = true;
                options.User.AllowedUserNameCharacters = "";
            })
            .AddEntityFrameworkStores<LatchkeyDbContext>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<PasswordPolicyValidator>();
        services.RemoveAll<IPasswordValidator<Account>>();
        services.AddScoped<IPasswordValidator<Account>, PasswordPolicyValidator>();
        services.AddScoped<LatchkeyPasswordHasher>();
        services.Replace(ServiceDescriptor.Scoped<IPasswordHasher<Account>>(provider => provider.GetRequiredService<LatchkeyPasswordHasher>()));

        // The password feature's e-mails to the user (PasswordChangeEffects, RequestPasswordResetHandler).
        services.AddScoped<PasswordEmails>();

        // Domains: adding a domain apart from its handler (CreateDomainHandler, account creation and import), and the
        // domain policy's read and write as two handlers.
        services.AddScoped<DomainRegistry>();
        services.AddScoped<GetDomainPolicyHandler>();
        services.AddScoped<SetDomainPolicyHandler>();

        // The back-channel logout protocol apart from its delivery queue (DeliverLogoutTokensHandler).
        services.AddScoped<BackchannelLogout>();
        return services;
    }

    private static void AddOptions<TOptions>(IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class =>
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();

    private static void ConfigureStore(IServiceProvider provider, IConfiguration configuration, DbContextOptionsBuilder options)
    {
        var database = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var connectionString = configuration.GetConnectionString("Latchkey");
        switch (database.ParsedProvider)
        {
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException("Latchkey:Database:Provider is 'postgres' but ConnectionStrings:Latchkey is empty.");
                }

                options.UseNpgsql(connectionString);
                break;
            case DatabaseProvider.Sqlite:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    var directory = provider.GetRequiredService<IOptions<LatchkeyOptions>>().Value.FullDataDirectory;
                    connectionString = $"Data Source={Path.Combine(directory, "latchkey.db")};Default Timeout=30;Pooling=True";
                }

                options.UseSqlite(connectionString);
                break;
        }
    }
}
