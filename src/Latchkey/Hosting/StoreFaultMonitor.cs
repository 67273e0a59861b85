namespace Latchkey.Hosting;

/// <summary>
/// Remembers when a request last met an unavailable store, so <c>/healthz</c> reports a fault that only writes
/// show (a full disk still answers reads) for <see cref="Window"/> after it was seen.
/// </summary>
internal sealed class StoreFaultMonitor(TimeProvider timeProvider)
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    private long _lastFaultTicks;

    public void Record() => Interlocked.Exchange(ref _lastFaultTicks, timeProvider.GetUtcNow().UtcTicks);

    public bool SeenRecently()
    {
        var last = Interlocked.Read(ref _lastFaultTicks);
        return last != 0 && timeProvider.GetUtcNow().UtcTicks - last < Window.Ticks;
    }
}
