namespace Latchkey.Core.Passwords;

/// <summary>
/// A signed-in user's own password change. <see cref="CurrentSessionId"/> stays signed in unless
/// <see cref="SignOutEverywhere"/> is set; app passwords keep working unless <see cref="RevokeAppPasswords"/> is set,
/// API tokens unless <see cref="RevokeApiTokens"/> or <see cref="SignOutEverywhere"/> is set.
/// </summary>
public sealed record ChangePasswordCommand(
    Guid AccountId,
    Guid? CurrentSessionId,
    string CurrentPassword,
    string NewPassword,
    string ConfirmPassword,
    bool SignOutEverywhere,
    bool RevokeAppPasswords = false,
    bool RevokeApiTokens = false);
