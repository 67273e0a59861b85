using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Latchkey.Core.Data;

namespace Latchkey.Core.Audit;

/// <summary>
/// The hash chain over the audit log (docs/audit.md): event <c>n</c> stores
/// <c>Hash(n) = HMAC-SHA256(K, Hash(n-1) || encoding(n))</c>, with 32 zero bytes before the first event, where
/// <c>K</c> is the <see cref="AuditChainKey"/> kept outside the database. Events written before schema version 18
/// keep the unkeyed form <c>SHA-256(Hash(n-1) || encoding(n))</c> (<see cref="AuditChainKeying"/>).
/// </summary>
/// <remarks>
/// The encoding is version 1: the ASCII tag <c>latchkey-audit-v1</c>, then every field in a fixed order, each one
/// self-delimiting, so no two different events encode alike. A 64-bit integer is 8 bytes big-endian; an optional
/// value is one byte 0 (absent) or 1 (present) followed by the value; a string is its UTF-8 length as 4 bytes
/// big-endian, then the UTF-8 bytes; a GUID is its 16 bytes in RFC 9562 (big-endian) order. The fields, in order:
/// sequence, time (Unix milliseconds, UTC), type, outcome, actor id, actor e-mail, target id, target e-mail, IP,
/// user agent, detail. Every field is optional-tagged, required ones included, so the layout has one rule.
/// The row id is not covered: it is the storage key; the sequence is the event's place in the chain.
/// </remarks>
internal static class AuditChain
{
    public const int HashLength = 32;

    private static readonly byte[] _tag = "latchkey-audit-v1"u8.ToArray();
    private static readonly byte[] _genesis = new byte[HashLength];

    /// <summary>What the first event's hash is chained to.</summary>
    public static ReadOnlySpan<byte> Genesis => _genesis;

    /// <summary>
    /// Brings the fields to the form both stores keep exactly, so the hash computed now is the one a later read
    /// recomputes: the time in whole milliseconds at UTC (SQLite keeps 0.1 ms, PostgreSQL 1 µs), and text as
    /// valid UTF-16 (an unpaired surrogate becomes U+FFFD, as it would on its way into the store).
    /// </summary>
    public static void Normalize(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var ticks = auditEvent.OccurredAt.UtcTicks;
        auditEvent.OccurredAt = new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        auditEvent.Type = ValidText(auditEvent.Type)!;
        auditEvent.Outcome = ValidText(auditEvent.Outcome)!;
        auditEvent.ActorEmail = ValidText(auditEvent.ActorEmail);
        auditEvent.TargetEmail = ValidText(auditEvent.TargetEmail);
        auditEvent.Ip = ValidText(auditEvent.Ip);
        auditEvent.UserAgent = ValidText(auditEvent.UserAgent);
        auditEvent.Detail = ValidText(auditEvent.Detail);
    }

    /// <summary>
    /// Normalizes the event, gives it <paramref name="sequence"/> and sets its hash after <paramref name="previous"/>,
    /// keyed with <paramref name="key"/> (empty: the unkeyed form of events from before schema version 18).
    /// </summary>
    public static void Seal(AuditEvent auditEvent, long sequence, ReadOnlySpan<byte> previous, ReadOnlySpan<byte> key)
    {
        Normalize(auditEvent);
        auditEvent.Sequence = sequence;
        auditEvent.Hash = ComputeHash(previous, auditEvent, key);
    }

    /// <summary>The unkeyed hash (SHA-256) the event must carry when chained after <paramref name="previous"/>: events from before schema version 18.</summary>
    public static byte[] ComputeHash(ReadOnlySpan<byte> previous, AuditEvent auditEvent) => ComputeHash(previous, auditEvent, []);

    /// <summary>
    /// The hash the event at <see cref="AuditEvent.Sequence"/> must carry when chained after <paramref name="previous"/>:
    /// HMAC-SHA256 under <paramref name="key"/>, or plain SHA-256 when the key is empty.
    /// </summary>
    public static byte[] ComputeHash(ReadOnlySpan<byte> previous, AuditEvent auditEvent, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        if (previous.Length != HashLength)
        {
            throw new ArgumentException($"A chain hash is {HashLength} bytes.", nameof(previous));
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.Write(previous);
        buffer.Write(_tag);
        WriteInt64(buffer, auditEvent.Sequence);
        WriteInt64(buffer, auditEvent.OccurredAt.ToUnixTimeMilliseconds());
        WriteText(buffer, auditEvent.Type);
        WriteText(buffer, auditEvent.Outcome);
        WriteGuid(buffer, auditEvent.ActorId);
        WriteText(buffer, auditEvent.ActorEmail);
        WriteGuid(buffer, auditEvent.TargetId);
        WriteText(buffer, auditEvent.TargetEmail);
        WriteText(buffer, auditEvent.Ip);
        WriteText(buffer, auditEvent.UserAgent);
        WriteText(buffer, auditEvent.Detail);
        return key.IsEmpty ? SHA256.HashData(buffer.WrittenSpan) : HMACSHA256.HashData(key, buffer.WrittenSpan);
    }

    /// <summary>A hash as operators see and type it: 64 lower-case hex digits.</summary>
    public static string ToHex(byte[] hash) => Convert.ToHexStringLower(hash);

    private static void WriteInt64(ArrayBufferWriter<byte> buffer, long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(buffer.GetSpan(8), value);
        buffer.Advance(8);
    }

    private static void WriteText(ArrayBufferWriter<byte> buffer, string? value)
    {
        if (value is null)
        {
            buffer.Write([(byte)0]);
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        var span = buffer.GetSpan(5 + length);
        span[0] = 1;
        BinaryPrimitives.WriteInt32BigEndian(span[1..], length);
        Encoding.UTF8.GetBytes(value, span[5..]);
        buffer.Advance(5 + length);
    }

    private static void WriteGuid(ArrayBufferWriter<byte> buffer, Guid? value)
    {
        if (value is not { } guid)
        {
            buffer.Write([(byte)0]);
            return;
        }

        var span = buffer.GetSpan(17);
        span[0] = 1;
        guid.TryWriteBytes(span[1..], bigEndian: true, out _);
        buffer.Advance(17);
    }

    private static string? ValidText(string? value) =>
        value is null || !value.Any(char.IsSurrogate) ? value : Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(value));
}
