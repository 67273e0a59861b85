namespace Latchkey.Core.Data;

/// <summary>
/// One OpenID Connect Back-Channel Logout token owed to a client: written in the transaction that ends the account's
/// grants, sent after it commits and retried with the outbox's backoff until the client answers 2xx. The token is
/// signed when it is sent, so a retry carries a fresh <c>iat</c>/<c>exp</c> and the same <c>jti</c> (<see cref="Id"/>).
/// </summary>
public sealed class LogoutDelivery
{
    public Guid Id { get; set; }

    public string ClientId { get; set; } = "";

    public string Uri { get; set; } = "";

    /// <summary>The account's <c>sub</c>.</summary>
    public string Subject { get; set; } = "";

    /// <summary>The <c>sid</c> of the ID tokens this client got from that Latchkey session; null for grants made before sids.</summary>
    public string? SessionId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public Guid? ClaimToken { get; set; }

    public DateTimeOffset? ClaimedUntil { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>An exception type or HTTP status, never a client's answer.</summary>
    public string? LastError { get; set; }
}
