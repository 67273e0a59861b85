using System.ComponentModel.DataAnnotations;

namespace Latchkey.Core.TwoFactor;

/// <summary>
/// <c>Latchkey:TwoFactor</c>. A sensitive action needs a second-factor check within <see cref="StepUpWindow"/>
/// (default 5 min) when the acting account has a second factor. The second step of a sign-in must follow within
/// <see cref="ChallengeLifetime"/> (default 5 min) and dies after <see cref="ChallengeMaxFailures"/> wrong codes
/// (default 5). <see cref="Issuer"/> (default <c>Latchkey</c>) is the name authenticator apps show.
/// </summary>
public sealed class TwoFactorOptions
{
    public const string SectionName = "Latchkey:TwoFactor";

    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan StepUpWindow { get; set; } = TimeSpan.FromMinutes(5);

    [Range(typeof(TimeSpan), "00:00:30", "00:15:00")]
    public TimeSpan ChallengeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    [Range(1, 10)]
    public int ChallengeMaxFailures { get; set; } = 5;

    [Required]
    [StringLength(64, MinimumLength = 1)]
    public string Issuer { get; set; } = "Latchkey";
}
