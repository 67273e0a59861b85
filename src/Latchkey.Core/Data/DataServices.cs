using Latchkey.Core.Common;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Data;

/// <summary>The store's options, the Data Protection key ring kept in it, and Identity's user store over it.</summary>
internal static class DataServices
{
    public static IServiceCollection AddData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<LatchkeyOptions>(configuration, LatchkeyOptions.SectionName);
        services.PostConfigure<LatchkeyOptions>(latchkey => latchkey.PublicUrl = PublicUrlSetting.Configured(configuration) ?? latchkey.PublicUrl);
        services.AddValidatedOptions<DatabaseOptions>(configuration, DatabaseOptions.SectionName);

        // The key ring lives in the store: every node, and the CLI, protect and unprotect with the same keys. Each key
        // is encrypted with the key file kept outside the database, so a copy of the store alone holds no usable key.
        services.AddDataProtection().SetApplicationName("Latchkey");
        services.AddSingleton<DataProtectionKeyRepository>();
        services.AddSingleton<StoreKeyFile>();
        services.AddOptions<KeyManagementOptions>().Configure<DataProtectionKeyRepository, StoreKeyFile>((keys, repository, keyFile) =>
        {
            keys.XmlRepository = repository;
            keys.XmlEncryptor = new KeyFileXmlEncryptor(keyFile);
        });

        // Identity's user manager over Latchkey's context. The password rules and the hasher are Passwords' own
        // (PasswordsServices replaces Identity's defaults).
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
            .AddDefaultTokenProviders();
        return services;
    }

    /// <summary>The provider and connection the context uses: <see cref="DatabaseOptions"/> and <c>ConnectionStrings:Latchkey</c>.</summary>
    public static void ConfigureStore(IServiceProvider provider, IConfiguration configuration, DbContextOptionsBuilder options)
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

                options.UseNpgsql(PostgresConnectionDefaults.Apply(connectionString));
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
