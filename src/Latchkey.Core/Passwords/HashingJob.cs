namespace Latchkey.Core.Passwords;

/// <summary>One piece of hashing work waiting in <see cref="PasswordHashingGate"/>'s queue.</summary>
internal abstract class HashingJob(long enqueuedAt, CancellationToken cancellationToken)
{
    public long EnqueuedAt { get; } = enqueuedAt;

    public bool Cancelled => CancellationToken.IsCancellationRequested;

    protected CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>
    /// Runs the work on the calling (hashing) thread, calls <paramref name="release"/> (the slot is free again), then
    /// completes the caller's task: a caller that queues again the moment its answer arrives finds the slot free.
    /// </summary>
    public abstract void Execute(Action release);

    public abstract void Fail(Exception exception);

    public abstract void Cancel();
}
