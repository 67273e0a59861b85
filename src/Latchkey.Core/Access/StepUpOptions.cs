using System.ComponentModel.DataAnnotations;

namespace Latchkey.Core.Access;

/// <summary>
/// <c>Latchkey:TwoFactor:StepUpWindow</c> (default 5 min): how long a second-factor check of a session counts for
/// sensitive actions. Bound from the same section as <see cref="TwoFactor.TwoFactorOptions"/>; it lives here because
/// the kernel's handlers (password change, admin actions) enforce it.
/// </summary>
public sealed class StepUpOptions
{
    public const string SectionName = "Latchkey:TwoFactor";

    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan StepUpWindow { get; set; } = TimeSpan.FromMinutes(5);
}
