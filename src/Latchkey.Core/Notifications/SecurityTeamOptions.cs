namespace Latchkey.Core.Notifications;

/// <summary>
/// <c>Latchkey:SecurityTeam</c>: <see cref="Emails"/> receive a notice when an Administrator's or Manager's password is
/// changed or reset, when such an account is unlocked, and whenever anyone's password is reset by someone else.
/// Default: nobody.
/// </summary>
public sealed class SecurityTeamOptions
{
    public const string SectionName = "Latchkey:SecurityTeam";

    public List<string> Emails { get; set; } = [];
}
