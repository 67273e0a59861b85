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

    [Required]
    [RegularExpression("^[A-Za-z0-9_.-]{1,64}$")]
    public string CookieName { get; set; } = "latchkey_session";
}
