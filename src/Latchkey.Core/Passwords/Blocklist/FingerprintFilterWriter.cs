using System.Buffers.Binary;

namespace Latchkey.Core.Passwords.Blocklist;

/// <summary>
/// Writes a filter in <see cref="FingerprintFilterFormat"/> from keys given in ascending order (duplicates are dropped), in
/// one sequential pass: the remainders stream to the file and only the bucket index (at most 2 bits an entry) is held in
/// memory until <see cref="Complete"/> writes it with the header. The destination must be seekable.
/// </summary>
internal sealed class FingerprintFilterWriter
{
    private readonly Stream _destination;
    private readonly int _bucketBits;
    private readonly long _maxCount;
    private readonly ulong[] _offsets;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _buffered;
    private long _count;
    private ulong _previous;
    private bool _completed;

    /// <param name="destination">A seekable, writable stream, positioned anywhere; the filter starts at its offset 0.</param>
    /// <param name="maxCount">At least the number of distinct keys that will be added: it sizes the index.</param>
    public FingerprintFilterWriter(Stream destination, long maxCount)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (!destination.CanSeek || !destination.CanWrite)
        {
            throw new ArgumentException("The destination must be seekable and writable.", nameof(destination));
        }

        _destination = destination;
        _maxCount = maxCount;
        _bucketBits = FingerprintFilterFormat.BucketBitsFor(maxCount);
        _offsets = new ulong[(1L << _bucketBits) + 1];
        _destination.Position = FingerprintFilterFormat.RemaindersStart(_bucketBits);
    }

    /// <summary>Distinct keys added so far.</summary>
    public long Count => _count;

    /// <exception cref="InvalidOperationException">The key is smaller than the one before, or more than maxCount were added.</exception>
    public void Add(ulong key)
    {
        if (_completed)
        {
            throw new InvalidOperationException("The filter is complete.");
        }

        if (_count > 0)
        {
            if (key == _previous)
            {
                return;
            }

            if (key < _previous)
            {
                throw new InvalidOperationException("Keys must be added in ascending order.");
            }
        }

        if (_count == _maxCount)
        {
            throw new InvalidOperationException($"More than the {_maxCount} keys the filter was sized for.");
        }

        _previous = key;
        _count++;
        _offsets[FingerprintFilterFormat.Bucket(key, _bucketBits) + 1]++;
        if (_buffered == _buffer.Length)
        {
            Flush();
        }

        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(_buffered), FingerprintFilterFormat.Remainder(key, _bucketBits));
        _buffered += sizeof(uint);
    }

    /// <summary>Writes the remaining remainders, the index and the header; returns the number of distinct keys.</summary>
    public long Complete()
    {
        if (_completed)
        {
            throw new InvalidOperationException("The filter is complete.");
        }

        _completed = true;
        Flush();
        for (var i = 1; i < _offsets.Length; i++)
        {
            _offsets[i] += _offsets[i - 1];
        }

        _destination.Position = 0;
        FingerprintFilterFormat.WriteHeader(_buffer, _bucketBits, _count);
        _buffered = FingerprintFilterFormat.HeaderSize;
        foreach (var offset in _offsets)
        {
            if (_buffered == _buffer.Length)
            {
                Flush();
            }

            BinaryPrimitives.WriteUInt64LittleEndian(_buffer.AsSpan(_buffered), offset);
            _buffered += sizeof(ulong);
        }

        Flush();
        _destination.SetLength(FingerprintFilterFormat.FileLength(_bucketBits, _count));
        return _count;
    }

    private void Flush()
    {
        _destination.Write(_buffer, 0, _buffered);
        _buffered = 0;
    }
}
