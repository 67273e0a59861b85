namespace Latchkey.Core.Passwords;

/// <summary>The security team's notice a password change queues (<see cref="Notifications.SecurityTeamNotices"/>).</summary>
public enum SecurityNotice
{
    /// <summary>None (a forgot-password link).</summary>
    None,

    /// <summary>The account changed its own password: noticed when it holds a privileged role.</summary>
    OwnChange,

    /// <summary>Someone else set the password: always noticed.</summary>
    ResetByAnother,
}
