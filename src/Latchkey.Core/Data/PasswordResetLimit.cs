namespace Latchkey.Core.Data;

/// <summary>
/// When an account was last sent a forgot-password link: the row <c>PasswordResetRateLimit</c> claims, one per
/// account, so the limit never reads the audit log.
/// </summary>
public sealed class PasswordResetLimit
{
    public Guid AccountId { get; set; }

    public DateTimeOffset LastSentAt { get; set; }
}
