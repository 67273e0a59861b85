using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;

namespace Latchkey.Core.Data;

/// <summary>OpenIddict's four tables under Latchkey's names, the provider's keys and the owed logout tokens (schema 12).</summary>
internal static class OidcModelConfiguration
{
    public static void Configure(ModelBuilder builder)
    {
        builder.UseOpenIddict();
        builder.Entity<OpenIddictEntityFrameworkCoreApplication>().ToTable("oidc_applications");
        builder.Entity<OpenIddictEntityFrameworkCoreAuthorization>().ToTable("oidc_authorizations");
        builder.Entity<OpenIddictEntityFrameworkCoreScope>().ToTable("oidc_scopes");
        builder.Entity<OpenIddictEntityFrameworkCoreToken>().ToTable("oidc_tokens");
        builder.Entity<OidcKey>(key =>
        {
            key.ToTable("oidc_keys");
            key.Property(k => k.Use).HasMaxLength(8).IsRequired();
            key.Property(k => k.ProtectedKey).IsRequired();
            key.HasIndex(k => new { k.Use, k.RotatesAt });
        });
        builder.Entity<LogoutDelivery>(delivery =>
        {
            delivery.ToTable("oidc_logout_deliveries");
            delivery.Property(d => d.ClientId).HasMaxLength(100).IsRequired();
            delivery.Property(d => d.Uri).HasMaxLength(2000).IsRequired();
            delivery.Property(d => d.Subject).HasMaxLength(100).IsRequired();
            delivery.Property(d => d.SessionId).HasMaxLength(100);
            delivery.Property(d => d.LastError).HasMaxLength(256);
            delivery.HasIndex(d => new { d.SentAt, d.NextAttemptAt });
        });
    }
}
