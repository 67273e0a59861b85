using System.ComponentModel.DataAnnotations;

namespace Latchkey.Core.Oidc;

/// <summary>
/// <c>Latchkey:Oidc</c>, the OpenID Connect provider. <see cref="Issuer"/>: the issuer URL (default
/// <c>Latchkey:PublicUrl</c>). <see cref="RequireHttps"/>: refuse the protocol endpoints over plain HTTP (default true;
/// behind a TLS-terminating proxy listed in <c>Latchkey:Web:KnownProxies</c> the forwarded scheme counts).
/// <see cref="KeyLifetime"/>: how long a signing or encryption key is the current one before a new one replaces it
/// (default 90 days; the old one stays published for verification for as long again).
/// <see cref="AccessTokenLifetime"/> 10 min, <see cref="RefreshTokenLifetime"/> 14 days (the session's lifetime).
/// <see cref="KeyCheckInterval"/>: how often each node looks for a new key in the store (default 1 min).
/// <see cref="LogoutPollInterval"/>: how often each node looks for back-channel logout tokens to send (default 250 ms).
/// </summary>
public sealed class OidcOptions
{
    public const string SectionName = "Latchkey:Oidc";

    [Url]
    public string? Issuer { get; set; }

    public bool RequireHttps { get; set; } = true;

    [Range(typeof(TimeSpan), "1.00:00:00", "365.00:00:00")]
    public TimeSpan KeyLifetime { get; set; } = TimeSpan.FromDays(90);

    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan KeyCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    [Range(typeof(TimeSpan), "00:10:00", "90.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan LogoutPollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan LogoutRequestTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
