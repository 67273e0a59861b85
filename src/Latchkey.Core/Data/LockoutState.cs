namespace Latchkey.Core.Data;

/// <summary>
/// An account's failed-login bookkeeping. The lock itself is <c>Account.LockoutEnd</c> (what the
/// API, the sign-in and Dovecot's view read); this row says from when failures count, how many locks came one after
/// another (each lasts longer), and the reason Dovecot shows while locked.
/// </summary>
public sealed class LockoutState
{
    public Guid AccountId { get; set; }

    /// <summary>Locks since the last successful login or unlock: picks the next lock's duration.</summary>
    public int Level { get; set; }

    /// <summary>Failures at or before this moment no longer count (set by a success, a lock or an unlock).</summary>
    public DateTimeOffset CountFrom { get; set; }

    public DateTimeOffset? LastFailureAt { get; set; }

    public DateTimeOffset? LockedAt { get; set; }

    /// <summary>The sentence Dovecot and the sign-in page show while the account is locked.</summary>
    public string? Reason { get; set; }
}
