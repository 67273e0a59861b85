using System.Security.Cryptography;
using Latchkey.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Latchkey.Core.Data;

/// <summary>Table and index shapes. A change here needs a new script for both providers under <c>Data/Sql</c>.</summary>
internal static partial class ModelConfiguration
{
    public static void ConfigureAccount(EntityTypeBuilder<Account> account)
    {
        account.ToTable("accounts");
        account.Property(a => a.Domain).HasMaxLength(ColumnWidths.DomainName).IsRequired();
        account.Property(a => a.PreferredLanguage).HasMaxLength(16);
        account.HasIndex(a => a.Domain);
        account.HasIndex(a => a.Email);
        account.HasMany(a => a.Roles).WithOne().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
    }

    public static void ConfigureRoleAssignment(EntityTypeBuilder<RoleAssignment> role)
    {
        role.ToTable("role_assignments");
        role.Property(r => r.Role).HasConversion<string>().HasMaxLength(32);
        role.Property(r => r.Domain).HasMaxLength(ColumnWidths.DomainName);
        role.HasIndex(r => new { r.AccountId, r.Role, r.Domain }).IsUnique();
    }

    public static void ConfigureDomain(EntityTypeBuilder<MailDomain> domain)
    {
        domain.ToTable("domains");
        domain.HasKey(d => d.Name);
        domain.Property(d => d.Name).HasMaxLength(ColumnWidths.DomainName);
        domain.Property(d => d.PasswordPolicy).HasMaxLength(4000);
        domain.Property(d => d.TwoFactorRequirement).HasMaxLength(16).IsRequired();
    }

    public static void ConfigureSession(EntityTypeBuilder<Session> session)
    {
        session.ToTable("sessions");
        session.Property(s => s.TokenHash).HasMaxLength(32).IsRequired();
        session.HasIndex(s => s.TokenHash).IsUnique();
        session.HasIndex(s => s.AccountId);
        session.Property(s => s.Ip).HasMaxLength(ColumnWidths.Ip);
        session.Property(s => s.UserAgent).HasMaxLength(ColumnWidths.UserAgent);
        session.Property(s => s.RevokedReason).HasMaxLength(64);
    }

    public static void ConfigureAuditEvent(EntityTypeBuilder<AuditEvent> auditEvent)
    {
        auditEvent.ToTable("audit_events");
        auditEvent.Property(e => e.Type).HasMaxLength(64).IsRequired();
        auditEvent.Property(e => e.Outcome).HasMaxLength(16).IsRequired();
        auditEvent.Property(e => e.ActorEmail).HasMaxLength(ColumnWidths.Login);
        auditEvent.Property(e => e.TargetEmail).HasMaxLength(ColumnWidths.Login);
        auditEvent.Property(e => e.Ip).HasMaxLength(ColumnWidths.Ip);
        auditEvent.Property(e => e.UserAgent).HasMaxLength(ColumnWidths.UserAgent);
        auditEvent.Property(e => e.Detail).HasMaxLength(256);
        auditEvent.Property(e => e.Hash).HasMaxLength(SHA256.HashSizeInBytes).IsRequired();
        auditEvent.HasIndex(e => e.Sequence).IsUnique();
        auditEvent.HasIndex(e => e.OccurredAt);
        auditEvent.HasIndex(e => e.TargetId);
        auditEvent.HasIndex(e => e.ActorId);
    }

    public static void ConfigurePasswordHistory(EntityTypeBuilder<PasswordHistoryEntry> entry)
    {
        entry.ToTable("password_history");
        entry.Property(e => e.PasswordHash).IsRequired();
        entry.HasIndex(e => new { e.AccountId, e.CreatedAt });
    }

    public static void ConfigureOutboxMessage(EntityTypeBuilder<OutboxMessage> message)
    {
        message.ToTable("outbox_messages");
        message.Property(m => m.To).HasMaxLength(ColumnWidths.OutboxAddress).IsRequired();
        message.Property(m => m.Subject).HasMaxLength(ColumnWidths.OutboxSubject).IsRequired();
        message.Property(m => m.TextBody).IsRequired();
        message.Property(m => m.HtmlBody).IsRequired();
        message.Property(m => m.MessageId).HasMaxLength(256).IsRequired();
        message.Property(m => m.LastError).HasMaxLength(ColumnWidths.OutboxError);
        message.Property(m => m.Kind).HasMaxLength(32).IsRequired().HasDefaultValue(OutboxKinds.Email);
        message.HasIndex(m => m.MessageId).IsUnique();

        // The dispatcher's claim reads only undelivered messages; the same filter is valid SQL on both providers.
        message.HasIndex(m => m.NextAttemptAt).HasFilter("\"SentAt\" IS NULL");
        message.HasIndex(m => m.ClaimToken).HasFilter("\"ClaimToken\" IS NOT NULL");
        message.HasIndex(m => m.SentAt);
    }

    public static void ConfigureDataProtectionKey(EntityTypeBuilder<DataProtectionKey> key)
    {
        key.ToTable("data_protection_keys");
        key.Property(k => k.FriendlyName).HasMaxLength(256).IsRequired();
        key.Property(k => k.Xml).IsRequired();
    }

    public static void ConfigurePendingPasswordReset(EntityTypeBuilder<PendingPasswordReset> reset)
    {
        reset.ToTable("pending_password_resets");
        reset.Property(r => r.Email).HasMaxLength(ColumnWidths.Login).IsRequired();
        reset.Property(r => r.Ip).HasMaxLength(ColumnWidths.Ip).IsRequired();
        reset.Property(r => r.UserAgent).HasMaxLength(ColumnWidths.UserAgent).IsRequired();
        reset.HasIndex(r => r.RequestedAt);
    }

    public static void ConfigurePasswordResetLimit(EntityTypeBuilder<PasswordResetLimit> limit)
    {
        limit.ToTable("password_reset_limits");
        limit.HasKey(l => l.AccountId);
        limit.HasOne<Account>().WithOne().HasForeignKey<PasswordResetLimit>(l => l.AccountId).OnDelete(DeleteBehavior.Cascade);
    }

    public static void ConfigureLockoutState(EntityTypeBuilder<LockoutState> state)
    {
        state.ToTable("lockout_states");
        state.HasKey(s => s.AccountId);
        state.Property(s => s.Reason).HasMaxLength(300);
        state.HasOne<Account>().WithOne().HasForeignKey<LockoutState>(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
    }

    public static void ConfigureLoginFailure(EntityTypeBuilder<LoginFailure> failure)
    {
        failure.ToTable("login_failures");
        failure.Property(f => f.Login).HasMaxLength(ColumnWidths.Login).IsRequired();
        failure.Property(f => f.Ip).HasMaxLength(ColumnWidths.Ip).IsRequired();
        failure.Property(f => f.Protocol).HasMaxLength(ColumnWidths.Protocol).IsRequired();
        failure.Property(f => f.PwHash).HasMaxLength(ColumnWidths.PwHash).IsRequired();
        failure.Property(f => f.TrustedSource).HasMaxLength(ColumnWidths.TrustedSource).IsRequired();
        failure.HasIndex(f => new { f.AccountId, f.OccurredAt });
        failure.HasIndex(f => new { f.Ip, f.OccurredAt });
        failure.HasIndex(f => f.OccurredAt);
    }

    public static void ConfigureKnownMailSource(EntityTypeBuilder<KnownMailSource> source)
    {
        source.ToTable("known_mail_sources");
        source.HasKey(s => new { s.AccountId, s.Ip });
        source.Property(s => s.Ip).HasMaxLength(ColumnWidths.Ip).IsRequired();
        source.HasIndex(s => s.TrustedUntil);
        source.HasOne<Account>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
    }

    public static void ConfigureStaleDevice(EntityTypeBuilder<StaleDevice> device)
    {
        device.ToTable("stale_devices");
        device.Property(d => d.Protocol).HasMaxLength(ColumnWidths.Protocol).IsRequired();
        device.Property(d => d.Ip).HasMaxLength(ColumnWidths.Ip).IsRequired();
        device.Property(d => d.DeviceId).HasMaxLength(StaleDevice.MaxDeviceIdLength).IsRequired();
        device.HasIndex(d => new { d.AccountId, d.Protocol, d.Ip, d.DeviceId }).IsUnique();
        device.HasOne<Account>().WithMany().HasForeignKey(d => d.AccountId).OnDelete(DeleteBehavior.Cascade);
    }

    public static void ConfigureAppPassword(EntityTypeBuilder<AppPassword> appPassword)
    {
        appPassword.ToTable("app_passwords");
        appPassword.Property(p => p.Name).HasMaxLength(AppPassword.MaxNameLength).IsRequired();
        appPassword.Property(p => p.Hash).HasMaxLength(64).IsRequired();
        appPassword.Property(p => p.LastUsedIp).HasMaxLength(ColumnWidths.Ip);
        appPassword.Property(p => p.LastUsedProtocol).HasMaxLength(ColumnWidths.Protocol);
        appPassword.HasIndex(p => new { p.AccountId, p.Name }).IsUnique();
        appPassword.HasIndex(p => p.Hash).IsUnique();
        appPassword.HasOne<Account>().WithMany().HasForeignKey(p => p.AccountId).OnDelete(DeleteBehavior.Cascade);
    }

    public static void ConfigureDovecotPolicySecret(EntityTypeBuilder<DovecotPolicySecret> secret)
    {
        secret.ToTable("dovecot_policy_secrets");
        secret.Property(s => s.Id).ValueGeneratedNever();
        secret.Property(s => s.Nonce).HasMaxLength(64).IsRequired();
        secret.Property(s => s.Secret).HasMaxLength(128).IsRequired();
        secret.Property(s => s.DoveadmApiKey).HasMaxLength(128).IsRequired().HasDefaultValue("");
        secret.Property(s => s.DoveadmUrl).HasMaxLength(256);
    }

    public static void ConfigureApiToken(EntityTypeBuilder<ApiToken> token)
    {
        token.ToTable("api_tokens");
        token.Property(t => t.Name).HasMaxLength(ApiToken.MaxNameLength).IsRequired();
        token.Property(t => t.TokenHash).HasMaxLength(32).IsRequired();
        token.Property(t => t.Scopes).HasMaxLength(200).IsRequired();
        token.Property(t => t.RevokedReason).HasMaxLength(64);
        token.HasIndex(t => t.TokenHash).IsUnique();
        token.HasIndex(t => t.AccountId);
        token.HasOne<Account>().WithMany().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
