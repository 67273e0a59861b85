using Latchkey.Core.Common;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Passwords;

/// <summary>
/// Bounds how many Argon2id computations run at once (<see cref="PasswordHashingOptions.MaxConcurrency"/>) and how
/// many wait (<see cref="PasswordHashingOptions.QueueLimit"/>). Memory used by hashing is therefore at most
/// MaxConcurrency × MemoryKiB, whatever the request rate.
/// </summary>
public sealed class PasswordHashingGate : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly int _queueLimit;
    private readonly TimeSpan _queueTimeout;
    private int _queued;
    private long _entered;

    public PasswordHashingGate(IOptions<PasswordHashingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        _slots = new SemaphoreSlim(value.MaxConcurrency, value.MaxConcurrency);
        _queueLimit = value.QueueLimit;
        _queueTimeout = value.QueueTimeout;
    }

    /// <summary>Argon2id computations started since the process began (a metric; tests use it to prove work was or was not done).</summary>
    public long TotalEntered => Interlocked.Read(ref _entered);

    /// <summary>Callers waiting for a slot right now.</summary>
    public int Queued => Volatile.Read(ref _queued);

    /// <summary>Takes a slot, waiting in the bounded queue if needed; dispose the result to give it back.</summary>
    /// <exception cref="HashingCapacityExceededException">The queue is full, or the wait timed out.</exception>
    public Slot Enter()
    {
        if (_slots.Wait(0))
        {
            LatchkeyMetrics.HashingWaited(TimeSpan.Zero);
            Interlocked.Increment(ref _entered);
            return new Slot(_slots);
        }

        if (Interlocked.Increment(ref _queued) > _queueLimit)
        {
            Interlocked.Decrement(ref _queued);
            throw new HashingCapacityExceededException();
        }

        var waitStarted = System.Diagnostics.Stopwatch.GetTimestamp();
        LatchkeyMetrics.HashingQueued(1);
        try
        {
            if (!_slots.Wait(_queueTimeout))
            {
                throw new HashingCapacityExceededException();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _queued);
            LatchkeyMetrics.HashingQueued(-1);
            LatchkeyMetrics.HashingWaited(System.Diagnostics.Stopwatch.GetElapsedTime(waitStarted));
        }

        Interlocked.Increment(ref _entered);
        return new Slot(_slots);
    }

    public void Dispose() => _slots.Dispose();

    /// <summary>A held hashing slot.</summary>
    public readonly struct Slot(SemaphoreSlim slots) : IDisposable
    {
        public void Dispose() => slots.Release();
    }
}
