namespace Latchkey.Core.Passwords.Blocklist;

/// <summary>
/// Reads a list line by line as bytes, without making strings: a line ends at <c>\n</c>, a trailing <c>\r</c> and a
/// leading UTF-8 byte-order mark are dropped. A line longer than <see cref="MaxLineBytes"/> is refused.
/// </summary>
internal sealed class BlocklistLineReader(Stream source)
{
    /// <summary>The longest line accepted, in bytes: four times the 128-character maximum a password may have, and then some.</summary>
    public const int MaxLineBytes = 1024;

    private readonly byte[] _buffer = new byte[1024 * 1024];
    private int _start;
    private int _end;
    private bool _endOfStream;

    /// <summary>The number of the line last returned, from 1.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Bytes consumed from the stream so far (for progress).</summary>
    public long BytesRead { get; private set; }

    /// <exception cref="BlocklistFormatException">A line is longer than <see cref="MaxLineBytes"/>.</exception>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var pending = _buffer.AsSpan(_start, _end - _start);
            var newline = pending.IndexOf((byte)'\n');
            if (newline < 0 && !_endOfStream && pending.Length <= MaxLineBytes + 1)
            {
                Fill();
                continue;
            }

            if (pending.IsEmpty)
            {
                line = default;
                return false;
            }

            LineNumber++;
            var length = newline >= 0 ? newline : pending.Length;
            line = pending[..length];
            _start += newline >= 0 ? newline + 1 : length;
            if (LineNumber == 1 && line.StartsWith("\uFEFF"u8))
            {
                line = line[3..];
            }

            if (!line.IsEmpty && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            if (line.Length > MaxLineBytes)
            {
                throw new BlocklistFormatException($"Line {LineNumber} is longer than {MaxLineBytes} bytes; is this a password list?");
            }

            return true;
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        var read = source.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _endOfStream = true;
        }

        _end += read;
        BytesRead += read;
    }
}
