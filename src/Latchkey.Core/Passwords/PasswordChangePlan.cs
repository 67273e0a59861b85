using Latchkey.Core.Access;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.AspNetCore.Identity;

namespace Latchkey.Core.Passwords;

/// <summary>
/// What one kind of password change does differently in <see cref="PasswordChangePipeline"/>: its audit event, why
/// sessions end (and whether, and which one stays), the must-change flag it leaves, the security team's notice, how
/// Identity's refusals read and whether a refusal is audited. Everything else is the pipeline's, the same for all.
/// </summary>
/// <param name="AuditType">The audit event of the change, success or refusal (<c>password_changed</c>, <c>password_reset</c>).</param>
/// <param name="RevocationReason">Recorded on every session and token the change ends.</param>
public sealed record PasswordChangePlan(string AuditType, string RevocationReason)
{
    /// <summary>The must-change flag the account has afterwards.</summary>
    public bool MustChangePassword { get; init; }

    /// <summary>Whether the account's sessions end; <see cref="KeepSession"/> survives when set.</summary>
    public bool EndSessions { get; init; } = true;

    public Guid? KeepSession { get; init; }

    /// <summary>The success event's detail.</summary>
    public string? Detail { get; init; }

    /// <summary>Which security-team notice the change queues.</summary>
    public SecurityNotice SecurityNotice { get; init; }

    /// <summary>The administrator behind a <see cref="SecurityNotice.ResetByAnother"/>.</summary>
    public Actor? ResetBy { get; init; }

    /// <summary>Reads Identity's refusal when the change has a reading of its own; null falls back to the policy reading.</summary>
    public Func<IdentityResult, Failure?>? ReadRefusal { get; init; }

    /// <summary>The refusal event's detail; null: a refusal is not audited.</summary>
    public Func<Failure, string>? RefusalDetail { get; init; }

    /// <summary>The change's own extra writes, in the same transaction (after the sessions, before the audit event).</summary>
    public Func<Account, CancellationToken, Task>? AlsoAsync { get; init; }
}
