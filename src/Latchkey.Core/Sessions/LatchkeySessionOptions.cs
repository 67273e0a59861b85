using System.ComponentModel.DataAnnotations;

namespace Latchkey.Core.Sessions;

/// <summary>
/// <c>Latchkey:Sessions</c>. A session ends after <see cref="IdleTimeout"/> without a request (default 8 h) and
/// after <see cref="AbsoluteLifetime"/> in any case (default 14 days). The cookie is <see cref="CookieName"/>
/// (default <c>latchkey_session</c>), HttpOnly, SameSite=Lax, Secure over HTTPS.
/// </summary>
public sealed class LatchkeySessionOptions
{
    public const string SectionName = "Latchkey:Sessions";

    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(8);

    [Range(typeof(TimeSpan), "00:01:00", "400.00:00:00")]
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Last-seen is written at most this often per session (default 1 min), never on every request.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LastSeenResolution { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a node trusts its cached copy of a session without asking the store (default 5 min). Revocations
    /// reach the cache at once regardless; this only bounds the damage of a lost notification.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan CacheLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long ended sessions stay listed in the store before they are swept (default 30 days).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan RetainEnded { get; set; } = TimeSpan.FromDays(30);

    [Required]
    [RegularExpression("^[A-Za-z0-9_.-]{1,64}$")]
    public string CookieName { get; set; } = "latchkey_session";
}
