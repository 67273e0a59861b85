using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Latchkey.Core.Passwords.Blocklist;

/// <summary>
/// A read-only filter in <see cref="FingerprintFilterFormat"/>, either in a pinned array (the shipped list) or memory-mapped
/// from a file (an import, which may be gigabytes: only the pages a lookup touches are read). A lookup reads two index
/// entries and binary-searches one bucket of about 32 to 64 four-byte remainders; it allocates nothing and never
/// materialises the list as strings. Thread-safe for lookups; dispose only once no lookup can be running.
/// </summary>
internal sealed unsafe class FingerprintFilter : IDisposable
{
    private readonly byte* _offsets;
    private readonly byte* _remainders;
    private readonly int _bucketBits;
    private readonly MemoryMappedFile? _file;
    private readonly MemoryMappedViewAccessor? _view;
    private readonly byte[]? _pinned;
    private bool _disposed;

    private FingerprintFilter(byte* data, long length, MemoryMappedFile? file, MemoryMappedViewAccessor? view, byte[]? pinned)
    {
        _file = file;
        _view = view;
        _pinned = pinned;
        (_bucketBits, Count) = FingerprintFilterFormat.ReadHeader(new ReadOnlySpan<byte>(data, FingerprintFilterFormat.HeaderSize), length);
        _offsets = data + FingerprintFilterFormat.OffsetsStart;
        _remainders = data + FingerprintFilterFormat.RemaindersStart(_bucketBits);
        if (ReadOffset(0) != 0 || ReadOffset(1UL << _bucketBits) != (ulong)Count)
        {
            throw new InvalidDataException("Blocklist filter index is damaged.");
        }
    }

    /// <summary>Distinct keys in the filter.</summary>
    public long Count { get; }

    /// <summary>Copies <paramref name="stream"/> into pinned memory and checks its header.</summary>
    public static FingerprintFilter Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var bytes = GC.AllocateUninitializedArray<byte>(checked((int)stream.Length), pinned: true);
        stream.ReadExactly(bytes);
        var data = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(bytes));
        return new FingerprintFilter(data, bytes.Length, null, null, bytes);
    }

    /// <summary>Maps <paramref name="path"/> read-only. The mapping survives the file being replaced by a newer import.</summary>
    /// <exception cref="InvalidDataException">The file is not a filter, or is truncated.</exception>
    public static FingerprintFilter Open(string path)
    {
        var length = new FileInfo(path).Length;
        if (length < FingerprintFilterFormat.HeaderSize)
        {
            throw new InvalidDataException("Blocklist filter is truncated.");
        }

        MemoryMappedFile? file = null;
        MemoryMappedViewAccessor? view = null;
        var acquired = false;
        try
        {
            file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, mapName: null, 0, MemoryMappedFileAccess.Read);
            view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            byte* data = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref data);
            acquired = true;
            return new FingerprintFilter(data + view.PointerOffset, length, file, view, null);
        }
        catch
        {
            if (acquired)
            {
                view!.SafeMemoryMappedViewHandle.ReleasePointer();
            }

            view?.Dispose();
            file?.Dispose();
            throw;
        }
    }

    public bool Contains(ulong key)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var bucket = FingerprintFilterFormat.Bucket(key, _bucketBits);
        var remainder = FingerprintFilterFormat.Remainder(key, _bucketBits);
        var low = ReadOffset(bucket);
        var high = ReadOffset(bucket + 1);
        if (low > high || high > (ulong)Count)
        {
            // Never read outside the mapping, whatever the file says.
            throw new InvalidDataException("Blocklist filter index is damaged.");
        }

        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            var value = BinaryPrimitives.ReadUInt32LittleEndian(new ReadOnlySpan<byte>(_remainders + (middle * sizeof(uint)), sizeof(uint)));
            if (value == remainder)
            {
                return true;
            }

            if (value < remainder)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return false;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_view is not null)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
        }

        _file?.Dispose();
        GC.KeepAlive(_pinned);
    }

    private ulong ReadOffset(ulong bucket) =>
        BinaryPrimitives.ReadUInt64LittleEndian(new ReadOnlySpan<byte>(_offsets + (bucket * sizeof(ulong)), sizeof(ulong)));
}
