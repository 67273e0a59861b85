namespace Latchkey.Core.Accounts;

/// <summary>What one account may do to another; <see cref="AccessPolicy"/> says which role each needs.</summary>
public enum AdminAction
{
    View,
    ResetPassword,
    RequireChange,
    Unlock,
    RevokeSessions,

    /// <summary>Remove every second factor (TOTP, passkeys, recovery codes) of an account that lost them.</summary>
    ResetSecondFactor,
    Create,
    Disable,
    EditPolicy,
}
