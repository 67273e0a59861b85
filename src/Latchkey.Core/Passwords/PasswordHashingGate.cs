using Latchkey.Core.Common;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Passwords;

/// <summary>
/// Runs every password hash on <see cref="PasswordHashingOptions.MaxConcurrency"/> dedicated threads, so hashing
/// never occupies or blocks a thread-pool thread, and memory used by hashing is at most MaxConcurrency × MemoryKiB
/// whatever the request rate. The threads run at a lower CPU priority (<see cref="PasswordHashingOptions.WorkerNice"/>),
/// so a flood of sign-ins slows other requests as little as possible.
/// </summary>
/// <remarks>
/// Guarantees: callers wait asynchronously in one bounded queue (<see cref="PasswordHashingOptions.QueueLimit"/>)
/// split into one queue per client (the client IP address); the workers take jobs round-robin across clients, so a
/// client flooding sign-ins gets its share and no more; one client may hold at most
/// <see cref="PasswordHashingOptions.ClientQueueLimit"/> waiting jobs. Beyond either limit, and after
/// <see cref="PasswordHashingOptions.QueueTimeout"/> in the queue, the caller gets
/// <see cref="HashingCapacityExceededException"/> at once (429 for a client over its share, else 503).
/// </remarks>
public sealed class PasswordHashingGate : IDisposable
{
    /// <summary>The client name of callers that have no client address (the CLI, background work).</summary>
    public const string InternalClient = "";

    private static readonly AsyncLocal<string?> _ambientClient = new();

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Queue<HashingJob>> _queues = new(StringComparer.Ordinal);
    private readonly Queue<string> _turns = new();
    private readonly SemaphoreSlim _ready = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Thread[] _workers;
    private readonly int _queueLimit;
    private readonly int _clientQueueLimit;
    private readonly TimeSpan _queueTimeout;
    private readonly int _workerNice;
    private readonly Action _release;
    private int _queued;
    private int _busy;
    private long _entered;

    public PasswordHashingGate(IOptions<PasswordHashingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        _queueLimit = value.QueueLimit;
        _clientQueueLimit = value.ClientQueueLimit is > 0 and var limit ? limit : Math.Max(1, value.QueueLimit / 4);
        _queueTimeout = value.QueueTimeout;
        _workerNice = value.WorkerNice;
        _release = Release;
        _workers = new Thread[value.MaxConcurrency];
        for (var i = 0; i < _workers.Length; i++)
        {
            _workers[i] = new Thread(Work) { IsBackground = true, Name = $"latchkey-hashing-{i}" };
            _workers[i].Start();
        }
    }

    /// <summary>Hashes started since the process began (a metric; tests use it to prove work was or was not done).</summary>
    public long TotalEntered => Interlocked.Read(ref _entered);

    /// <summary>Jobs waiting for a worker right now.</summary>
    public int Queued => Volatile.Read(ref _queued);

    /// <summary>Runs <paramref name="work"/> on a hashing thread, in <paramref name="client"/>'s share of the queue.</summary>
    /// <exception cref="HashingCapacityExceededException">The queue or the client's share is full, or the wait timed out.</exception>
    public Task<T> RunAsync<T>(string client, Func<T> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(work);
        var job = new HashingJob<T>(work, TimeProvider.System.GetTimestamp(), cancellationToken);
        lock (_lock)
        {
            if (_queued >= _queueLimit + _workers.Length - _busy)
            {
                throw new HashingCapacityExceededException();
            }

            if (!_queues.TryGetValue(client, out var queue))
            {
                queue = new Queue<HashingJob>();
                _queues[client] = queue;
                _turns.Enqueue(client);
            }
            else if (queue.Count >= _clientQueueLimit)
            {
                throw new HashingCapacityExceededException("This client has too many passwords waiting to be checked.") { PerClient = true };
            }

            queue.Enqueue(job);
            _queued++;
            LatchkeyMetrics.HashingQueued(1);
        }

        _ready.Release();
        return job.Task;
    }

    /// <summary>
    /// The client that <see cref="Run"/> charges on this logical flow: the web host sets the request's address for each
    /// request, so a password change (which reaches hashing through Identity's synchronous seam) waits in its own
    /// client's share instead of one share for every change on the node; unset (the CLI, background work) it is
    /// <see cref="InternalClient"/>.
    /// </summary>
    public static string? CurrentClient
    {
        get => _ambientClient.Value;
        set => _ambientClient.Value = value;
    }

    /// <summary>
    /// The same for synchronous callers (Identity's <c>IPasswordHasher</c> seam: password changes, the CLI): the work
    /// still runs on a hashing thread, in <see cref="CurrentClient"/>'s share, and the caller's thread waits for it.
    /// </summary>
    public T Run<T>(Func<T> work) => RunAsync(_ambientClient.Value ?? InternalClient, work).GetAwaiter().GetResult();

    public void Dispose()
    {
        _stopping.Cancel();
        _ready.Release(_workers.Length);
        foreach (var worker in _workers)
        {
            worker.Join(TimeSpan.FromSeconds(5));
        }

        _stopping.Dispose();
        _ready.Dispose();
    }

    private void Work()
    {
        ThreadNiceness.TrySet(_workerNice);
        while (true)
        {
            try
            {
                _ready.Wait(_stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var job = Next();
            if (job is null)
            {
                continue;
            }

            if (TimeProvider.System.GetElapsedTime(job.EnqueuedAt) > _queueTimeout)
            {
                Release();
                job.Fail(new HashingCapacityExceededException());
            }
            else if (!job.Cancelled)
            {
                LatchkeyMetrics.HashingWaited(TimeProvider.System.GetElapsedTime(job.EnqueuedAt));
                Interlocked.Increment(ref _entered);
                job.Execute(_release);
            }
            else
            {
                Release();
                job.Cancel();
            }
        }
    }

    /// <summary>The worker's slot is free again; called before the caller's task completes.</summary>
    private void Release()
    {
        lock (_lock)
        {
            _busy--;
        }
    }

    /// <summary>The oldest job of the client whose turn it is; that client goes to the back of the line.</summary>
    private HashingJob? Next()
    {
        lock (_lock)
        {
            while (_turns.TryDequeue(out var client))
            {
                var queue = _queues[client];
                if (!queue.TryDequeue(out var job))
                {
                    _queues.Remove(client);
                    continue;
                }

                if (queue.Count > 0)
                {
                    _turns.Enqueue(client);
                }
                else
                {
                    _queues.Remove(client);
                }

                _queued--;
                _busy++;
                LatchkeyMetrics.HashingQueued(-1);
                return job;
            }

            return null;
        }
    }
}
