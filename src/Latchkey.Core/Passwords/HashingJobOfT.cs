namespace Latchkey.Core.Passwords;

/// <summary>A <see cref="HashingJob"/> whose caller awaits a <typeparamref name="T"/>.</summary>
internal sealed class HashingJob<T>(Func<T> work, long enqueuedAt, CancellationToken cancellationToken) : HashingJob(enqueuedAt, cancellationToken)
{
    // Continuations run on the thread pool, never on the hashing thread that completes the task.
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<T> Task => _completion.Task;

    public override void Execute(Action release)
    {
        T result;
        try
        {
            result = work();
        }
        catch (Exception exception)
        {
            release();
            _completion.TrySetException(exception);
            return;
        }

        release();
        _completion.TrySetResult(result);
    }

    public override void Fail(Exception exception) => _completion.TrySetException(exception);

    public override void Cancel() => _completion.TrySetCanceled(CancellationToken);
}
