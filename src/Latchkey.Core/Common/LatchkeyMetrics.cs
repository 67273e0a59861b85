using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Latchkey.Core.Common;

/// <summary>
/// Latchkey's own instruments, in one <see cref="Meter"/> named <see cref="MeterName"/>, so any feature reports with
/// one line (<c>LatchkeyMetrics.SignIn("success", "web")</c>). Labels are closed sets of short words (outcome,
/// protocol, verdict): never an address, an account, a token or anything a request chose freely. Recording costs
/// nothing while no exporter listens.
/// </summary>
public static class LatchkeyMetrics
{
    public const string MeterName = "Latchkey";

    /// <summary>The activity source of Latchkey's own spans (store work outside a request, outbox passes).</summary>
    public static readonly ActivitySource Activities = new(MeterName);

    private static readonly Meter _meter = new(MeterName);

    private static readonly Counter<long> _signIns = _meter.CreateCounter<long>("latchkey.sign_ins", "{sign-in}", "Sign-ins by outcome and protocol.");
    private static readonly Counter<long> _locks = _meter.CreateCounter<long>("latchkey.lockouts", "{event}", "Accounts locked and unlocked (action=lock|unlock).");
    private static readonly UpDownCounter<long> _hashQueue = _meter.CreateUpDownCounter<long>("latchkey.password_hashing.queue_depth", "{request}", "Password hashing requests waiting for a slot.");
    private static readonly Histogram<double> _hashWait = _meter.CreateHistogram<double>("latchkey.password_hashing.wait", "s", "Time waited for a password hashing slot.");
    private static readonly Histogram<double> _hashTime = _meter.CreateHistogram<double>("latchkey.password_hashing.duration", "s", "Time one Argon2id computation took (kind=hash|verify).");
    private static readonly Counter<long> _cacheLookups = _meter.CreateCounter<long>("latchkey.session_cache.lookups", "{lookup}", "Session cache lookups (result=hit|miss).");
    private static readonly Counter<long> _revocations = _meter.CreateCounter<long>("latchkey.session_revocations", "{session}", "Sessions revoked.");
    private static readonly Counter<long> _policyVerdicts = _meter.CreateCounter<long>("latchkey.dovecot_policy.verdicts", "{call}", "Dovecot policy calls by verdict.");
    private static readonly Counter<long> _mail = _meter.CreateCounter<long>("latchkey.outbox.deliveries", "{message}", "Outbox delivery attempts (result=sent|failed).");

    private static long _outboxDepth;
    private static double _outboxOldestSeconds;
    private static int _listenerState = -1;

    static LatchkeyMetrics()
    {
        _meter.CreateObservableGauge("latchkey.outbox.depth", () => Interlocked.Read(ref _outboxDepth), "{message}", "Messages waiting in the outbox at the last dispatcher pass.");
        _meter.CreateObservableGauge("latchkey.outbox.oldest_age", () => Volatile.Read(ref _outboxOldestSeconds), "s", "Age of the oldest unsent message at the last dispatcher pass.");
        _meter.CreateObservableGauge("latchkey.session_listener.connected", ObserveListener, "{state}",
            "PostgreSQL NOTIFY listener: 1 listening, 0 disconnected; absent on SQLite.");
    }

    public static void SignIn(string outcome, string protocol) =>
        _signIns.Add(1, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("protocol", protocol));

    public static void Locked() => _locks.Add(1, new KeyValuePair<string, object?>("action", "lock"));

    public static void Unlocked() => _locks.Add(1, new KeyValuePair<string, object?>("action", "unlock"));

    /// <summary>A hashing request starts (+1) or stops (-1) waiting for a slot.</summary>
    public static void HashingQueued(int delta) => _hashQueue.Add(delta);

    public static void HashingWaited(TimeSpan wait) => _hashWait.Record(wait.TotalSeconds);

    public static void Hashed(string kind, TimeSpan elapsed) => _hashTime.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("kind", kind));

    public static void SessionCache(bool hit) => _cacheLookups.Add(1, new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));

    public static void Revoked(int sessions)
    {
        if (sessions > 0)
        {
            _revocations.Add(sessions);
        }
    }

    public static void PolicyVerdict(string verdict) => _policyVerdicts.Add(1, new KeyValuePair<string, object?>("verdict", verdict));

    public static void Delivery(bool sent) => _mail.Add(1, new KeyValuePair<string, object?>("result", sent ? "sent" : "failed"));

    public static void Outbox(long depth, TimeSpan oldest)
    {
        Interlocked.Exchange(ref _outboxDepth, depth);
        Volatile.Write(ref _outboxOldestSeconds, Math.Max(0, oldest.TotalSeconds));
    }

    public static void ListenerConnected(bool connected) => Volatile.Write(ref _listenerState, connected ? 1 : 0);

    private static IEnumerable<Measurement<int>> ObserveListener()
    {
        var state = Volatile.Read(ref _listenerState);
        return state < 0 ? [] : [new Measurement<int>(state)];
    }
}
