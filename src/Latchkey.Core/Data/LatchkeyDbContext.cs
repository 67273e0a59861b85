using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Latchkey.Core.Data;

/// <summary>
/// The one store. Identity's user tables hold the accounts; the rest is Latchkey's. The schema is owned by the
/// SQL scripts under <c>Data/Sql/&lt;Provider&gt;/</c> and applied by <c>SchemaMigrator</c>, never by
/// <c>EnsureCreated</c>.
/// </summary>
public sealed class LatchkeyDbContext(DbContextOptions<LatchkeyDbContext> options)
    : IdentityUserContext<Account, Guid>(options)
{
    /// <summary>Accounts whose sessions this unit of work revoked; caches forget them when it commits.</summary>
    internal HashSet<Guid> PendingSessionInvalidations { get; } = [];

    /// <summary>This unit of work owes back-channel logout tokens: its commit wakes the dispatcher (<c>LogoutDeliveryKick</c>).</summary>
    internal bool LogoutDeliveriesOwed { get; set; }

    /// <summary>The transaction <c>AuditChainInterceptor</c> opened to chain a save that had none; it commits it.</summary>
    internal IDbContextTransaction? OwnedAuditTransaction { get; set; }

    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();

    public DbSet<MailDomain> Domains => Set<MailDomain>();

    public DbSet<Session> Sessions => Set<Session>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<PasswordHistoryEntry> PasswordHistory => Set<PasswordHistoryEntry>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<PendingPasswordReset> PendingPasswordResets => Set<PendingPasswordReset>();

    public DbSet<PasswordResetLimit> PasswordResetLimits => Set<PasswordResetLimit>();

    public DbSet<LockoutState> LockoutStates => Set<LockoutState>();

    public DbSet<LoginFailure> LoginFailures => Set<LoginFailure>();

    public DbSet<StaleDevice> StaleDevices => Set<StaleDevice>();

    public DbSet<KnownMailSource> KnownMailSources => Set<KnownMailSource>();

    public DbSet<AppPassword> AppPasswords => Set<AppPassword>();

    public DbSet<DovecotPolicySecret> DovecotPolicySecrets => Set<DovecotPolicySecret>();

    public DbSet<TotpAuthenticator> TotpAuthenticators => Set<TotpAuthenticator>();

    public DbSet<RecoveryCode> RecoveryCodes => Set<RecoveryCode>();

    public DbSet<TwoFactorChallenge> TwoFactorChallenges => Set<TwoFactorChallenge>();

    public DbSet<Passkey> Passkeys => Set<Passkey>();

    public DbSet<PasskeyCeremony> PasskeyCeremonies => Set<PasskeyCeremony>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<OidcKey> OidcKeys => Set<OidcKey>();

    public DbSet<LogoutDelivery> LogoutDeliveries => Set<LogoutDelivery>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        if (Database.IsSqlite())
        {
            // SQLite cannot compare or order DateTimeOffset text; stored as UTC ticks they sort and compare as numbers.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<Account>(ModelConfiguration.ConfigureAccount);
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("account_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("account_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("account_tokens");
        builder.Entity<RoleAssignment>(ModelConfiguration.ConfigureRoleAssignment);
        builder.Entity<MailDomain>(ModelConfiguration.ConfigureDomain);
        builder.Entity<Session>(ModelConfiguration.ConfigureSession);
        builder.Entity<AuditEvent>(ModelConfiguration.ConfigureAuditEvent);
        builder.Entity<PasswordHistoryEntry>(ModelConfiguration.ConfigurePasswordHistory);
        builder.Entity<DataProtectionKey>(ModelConfiguration.ConfigureDataProtectionKey);
        builder.Entity<OutboxMessage>(ModelConfiguration.ConfigureOutboxMessage);
        builder.Entity<PendingPasswordReset>(ModelConfiguration.ConfigurePendingPasswordReset);
        builder.Entity<PasswordResetLimit>(ModelConfiguration.ConfigurePasswordResetLimit);
        builder.Entity<LockoutState>(ModelConfiguration.ConfigureLockoutState);
        builder.Entity<LoginFailure>(ModelConfiguration.ConfigureLoginFailure);
        builder.Entity<StaleDevice>(ModelConfiguration.ConfigureStaleDevice);
        builder.Entity<KnownMailSource>(ModelConfiguration.ConfigureKnownMailSource);
        builder.Entity<AppPassword>(ModelConfiguration.ConfigureAppPassword);
        builder.Entity<DovecotPolicySecret>(ModelConfiguration.ConfigureDovecotPolicySecret);
        ModelConfiguration.ConfigureTwoFactor(builder);
        builder.Entity<ApiToken>(ModelConfiguration.ConfigureApiToken);
        OidcModelConfiguration.Configure(builder);
    }
}
