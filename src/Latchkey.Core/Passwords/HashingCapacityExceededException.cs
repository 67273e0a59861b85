namespace Latchkey.Core.Passwords;

/// <summary>
/// Thrown when every hashing slot is busy and the queue is full: the caller answers 503 with Retry-After rather than
/// letting Argon2id's memory grow with the request rate.
/// </summary>
public sealed class HashingCapacityExceededException : Exception
{
    public HashingCapacityExceededException()
        : base("Password hashing is at capacity; try again shortly.")
    {
    }

    public HashingCapacityExceededException(string message)
        : base(message)
    {
    }

    public HashingCapacityExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when this client's share of the queue is full (HTTP 429), false when the whole queue is (503).</summary>
    public bool PerClient { get; init; }

    /// <summary>Seconds the client should wait before retrying.</summary>
    public int RetryAfterSeconds { get; init; } = 1;
}
