using Latchkey.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Data;

/// <summary>The second factor's tables (schema 0010; passkey ceremonies 0019).</summary>
internal static partial class ModelConfiguration
{
    public static void ConfigureTwoFactor(ModelBuilder builder)
    {
        builder.Entity<TotpAuthenticator>(totp =>
        {
            totp.ToTable("totp_authenticators");
            totp.HasKey(t => t.AccountId);
            totp.Property(t => t.ProtectedSecret).HasMaxLength(1000).IsRequired();
            totp.HasOne<Account>().WithOne().HasForeignKey<TotpAuthenticator>(t => t.AccountId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<RecoveryCode>(code =>
        {
            code.ToTable("recovery_codes");
            code.Property(c => c.Hash).HasMaxLength(64).IsRequired();
            code.HasIndex(c => new { c.AccountId, c.Hash }).IsUnique();
            code.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<TwoFactorChallenge>(challenge =>
        {
            challenge.ToTable("two_factor_challenges");
            challenge.Property(c => c.TokenHash).HasMaxLength(32).IsRequired();
            challenge.Property(c => c.Ip).HasMaxLength(ColumnWidths.Ip).IsRequired();
            challenge.Property(c => c.UserAgent).HasMaxLength(ColumnWidths.UserAgent).IsRequired();
            challenge.HasIndex(c => c.TokenHash).IsUnique();
            challenge.HasIndex(c => c.ExpiresAt);
            challenge.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<Passkey>(passkey =>
        {
            passkey.ToTable("passkeys");
            passkey.Property(p => p.CredentialId).IsRequired();
            passkey.Property(p => p.PublicKey).IsRequired();
            passkey.Property(p => p.UserHandle).IsRequired();
            passkey.Property(p => p.Name).HasMaxLength(Passkey.MaxNameLength).IsRequired();
            passkey.HasIndex(p => p.CredentialId).IsUnique();
            passkey.HasIndex(p => p.AccountId);
            passkey.HasOne<Account>().WithMany().HasForeignKey(p => p.AccountId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<PasskeyCeremony>(ceremony =>
        {
            ceremony.ToTable("passkey_ceremonies");
            ceremony.Property(c => c.Kind).HasMaxLength(16).IsRequired();
            ceremony.Property(c => c.ChallengeHash).HasMaxLength(32).IsRequired();
            ceremony.Property(c => c.Options).IsRequired();
            ceremony.HasIndex(c => c.ChallengeHash).IsUnique();
            ceremony.HasIndex(c => c.ExpiresAt);
            ceremony.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
