namespace Latchkey.Core.Audit;

/// <summary>The stable names of audit events; the API's <c>type</c> filter uses them.</summary>
public static class AuditEventTypes
{
    public const string SignIn = "sign_in";
    public const string SignOut = "sign_out";
    public const string AccountCreated = "account_created";
    public const string DomainCreated = "domain_created";
    public const string SetupCompleted = "setup_completed";
    public const string PasswordChanged = "password_changed";
    public const string SessionsRevoked = "sessions_revoked";
    public const string PasswordReset = "password_reset";
    public const string PasswordResetRequested = "password_reset_requested";
    public const string RoleGranted = "role_granted";
    public const string RoleRevoked = "role_revoked";
    public const string Forbidden = "forbidden";
    public const string PolicyChanged = "password_policy_changed";
    public const string AccountDisabled = "account_disabled";
    public const string AccountEnabled = "account_enabled";
    public const string AccountLocked = "account_locked";
    public const string AccountUnlocked = "account_unlocked";
    public const string AppPasswordCreated = "app_password_created";
    public const string AppPasswordRevoked = "app_password_revoked";
    public const string LanguageChanged = "language_changed";
    public const string TwoFactorAdded = "two_factor_added";
    public const string TwoFactorRemoved = "two_factor_removed";
    public const string TwoFactorReset = "two_factor_reset";
    public const string PasskeyRenamed = "passkey_renamed";
    public const string TwoFactorChallenged = "two_factor_challenged";
    public const string RecoveryCodeUsed = "recovery_code_used";
    public const string RecoveryCodesRegenerated = "recovery_codes_regenerated";
    public const string StepUp = "step_up";
    public const string TwoFactorPolicyChanged = "two_factor_policy_changed";
    public const string ApiTokenCreated = "api_token_created";
    public const string ApiTokenRevoked = "api_token_revoked";
    public const string OidcClientRegistered = "oidc_client_registered";

    /// <summary>A signed-in person was refused something their role does not allow; the detail names what.</summary>
    public const string AccessDenied = "access_denied";

    public const string Success = "success";
    public const string Failure = "failure";
}
