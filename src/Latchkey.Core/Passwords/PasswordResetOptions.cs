using System.ComponentModel.DataAnnotations;

namespace Latchkey.Core.Passwords;

/// <summary>
/// <c>Latchkey:Passwords:Reset</c>: a forgot-password link works once, for <see cref="TokenLifetime"/> (default
/// 30 min); at most one link is sent to an address per <see cref="MinimumInterval"/> (default 1 min), so the form
/// cannot be used to flood someone's mailbox.
/// </summary>
public sealed class PasswordResetOptions
{
    public const string SectionName = "Latchkey:Passwords:Reset";

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MinimumInterval { get; set; } = TimeSpan.FromMinutes(1);
}
