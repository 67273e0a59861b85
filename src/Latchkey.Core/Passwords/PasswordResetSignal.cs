namespace Latchkey.Core.Passwords;

/// <summary>Wakes this node's <see cref="PasswordResetWorker"/> when a request was stored here (others find it by polling).</summary>
public sealed class PasswordResetSignal : IDisposable
{
    private readonly SemaphoreSlim _bell = new(0, 1);

    public void Ring()
    {
        try
        {
            _bell.Release();
        }
        catch (SemaphoreFullException)
        {
            // Rung already; the worker takes every waiting request when it wakes.
        }
    }

    /// <summary>Waits for <see cref="Ring"/> or <paramref name="timeout"/>, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _bell.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _bell.Dispose();
}
