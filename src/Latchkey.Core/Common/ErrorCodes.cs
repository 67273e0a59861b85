namespace Latchkey.Core.Common;

/// <summary>The stable failure codes: the API's <c>code</c> member, the CLI's <c>code: text</c> lines.</summary>
public static class ErrorCodes
{
    public const string InvalidCredentials = "invalid_credentials";
    public const string Locked = "locked";
    public const string TwoFactorRequired = "two_factor_required";
    public const string PasswordMismatch = "password_mismatch";
    public const string InvalidCurrentPassword = "invalid_current_password";
    public const string PasswordPolicy = "password_policy";
    public const string PasswordChangeRequired = "password_change_required";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string RateLimited = "rate_limited";
    public const string Validation = "validation";
    public const string Conflict = "conflict";
    public const string Unauthorized = "unauthorized";
    public const string Unavailable = "unavailable";
    public const string StepUpRequired = "step_up_required";
    public const string TwoFactorSetupRequired = "two_factor_setup_required";

    /// <summary>The audit log's hash chain is broken: a record was changed, removed or is missing.</summary>
    public const string AuditTampered = "audit_tampered";
}
