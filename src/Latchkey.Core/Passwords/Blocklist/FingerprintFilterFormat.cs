using System.Buffers.Binary;
using System.Numerics;

namespace Latchkey.Core.Passwords.Blocklist;

/// <summary>
/// The blocklist filter file (docs/blocklist.md), all integers little-endian:
/// <code>
/// 0   "LKBF"            magic
/// 4   u32 version = 1
/// 8   u32 bucketBits b  (0..32)
/// 12  u32 reserved = 0
/// 16  u64 count n       distinct keys
/// 24  u64 reserved = 0
/// 32  u64 offsets[2^b + 1]   offsets[i] = first entry of bucket i; offsets[2^b] = n
/// ..  u32 remainders[n]      per bucket, ascending
/// </code>
/// A key's top b bits pick its bucket and the next 32 bits are its remainder, so each entry costs 4 bytes plus at most
/// 8 / 32 for the index. b is chosen so that buckets hold 32 to 64 entries on average, which puts the false-positive rate
/// of one lookup at (n / 2^b) / 2^32 ≤ 64 / 2^32 ≈ 1.5 × 10⁻⁸.
/// </summary>
internal static class FingerprintFilterFormat
{
    public const int HeaderSize = 32;
    public const uint Version = 1;
    public const int MaxBucketBits = 32;

    /// <summary>The largest filter the format is sized for (2^38 entries: 1 TiB of remainders).</summary>
    public const long MaxCount = 1L << 38;

    private const int TargetBucketShift = 6;

    public static ReadOnlySpan<byte> Magic => "LKBF"u8;

    /// <summary>Bucket bits for up to <paramref name="count"/> keys: 2^b ≥ count / 64, so the index costs at most 2 bits an entry.</summary>
    public static int BucketBitsFor(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxCount);
        var bits = count <= 1 ? 0 : 64 - BitOperations.LeadingZeroCount((ulong)(count - 1));
        return Math.Clamp(bits - TargetBucketShift, 0, MaxBucketBits);
    }

    public static long OffsetsStart => HeaderSize;

    public static long RemaindersStart(int bucketBits) => HeaderSize + (((1L << bucketBits) + 1) * sizeof(ulong));

    public static long FileLength(int bucketBits, long count) => RemaindersStart(bucketBits) + (count * sizeof(uint));

    public static ulong Bucket(ulong key, int bucketBits) => bucketBits == 0 ? 0 : key >> (64 - bucketBits);

    public static uint Remainder(ulong key, int bucketBits) => (uint)((key << bucketBits) >> 32);

    public static void WriteHeader(Span<byte> destination, int bucketBits, long count)
    {
        destination[..HeaderSize].Clear();
        Magic.CopyTo(destination);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], Version);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], (uint)bucketBits);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], (ulong)count);
    }

    /// <summary>Reads and checks a header against the file's length; throws <see cref="InvalidDataException"/> if it is not a filter.</summary>
    public static (int BucketBits, long Count) ReadHeader(ReadOnlySpan<byte> header, long fileLength)
    {
        if (header.Length < HeaderSize || !header.StartsWith(Magic))
        {
            throw new InvalidDataException("Not a Latchkey blocklist filter (bad magic).");
        }

        var version = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        if (version != Version)
        {
            throw new InvalidDataException($"Unsupported blocklist filter version {version}.");
        }

        var bucketBits = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
        var count = BinaryPrimitives.ReadUInt64LittleEndian(header[16..]);
        if (bucketBits > MaxBucketBits || count > MaxCount || FileLength((int)bucketBits, (long)count) != fileLength)
        {
            throw new InvalidDataException("Blocklist filter is truncated or its header is damaged.");
        }

        return ((int)bucketBits, (long)count);
    }
}
