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
    public const string InsufficientScope = "insufficient_scope";

    /// <summary>A state-changing API request from another origin (Fetch Metadata or Origin), or one the browser could forge.</summary>
    public const string CrossOrigin = "cross_origin";

    /// <summary>A request body that is not <c>application/json</c>.</summary>
    public const string UnsupportedMediaType = "unsupported_media_type";

    public const string MethodNotAllowed = "method_not_allowed";

    /// <summary>The audit log's hash chain is broken: a record was changed, removed or is missing.</summary>
    public const string AuditTampered = "audit_tampered";

    /// <summary>The audit chain cannot be verified with the key file at hand: it is missing, or not the store's own.</summary>
    public const string AuditKey = "audit_key";
}
