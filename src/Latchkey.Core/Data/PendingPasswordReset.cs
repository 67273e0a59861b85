namespace Latchkey.Core.Data;

/// <summary>
/// A "forgot password" request stored before it is answered and worked on after (<c>PasswordResetRequests</c>):
/// the address as typed (it may name no account), where it came from, and the claim of the node working on it.
/// </summary>
public sealed class PendingPasswordReset
{
    public Guid Id { get; set; }

    public string Email { get; set; } = "";

    public string Ip { get; set; } = "";

    public string UserAgent { get; set; } = "";

    public DateTimeOffset RequestedAt { get; set; }

    /// <summary>Until when a node works on it; null while nobody does. A node that dies lets the claim run out.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }

    public int Attempts { get; set; }
}
