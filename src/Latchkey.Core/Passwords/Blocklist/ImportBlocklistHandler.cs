using System.Text.Unicode;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Passwords.Blocklist;

/// <summary>
/// Builds the imported blocklist filter from a list, in two passes: the first checks every line and counts the entries,
/// so a malformed list is refused before anything is written; the second writes the filter to a temporary file beside
/// the target and renames it over the previous filter, so readers see the old filter or the new one, never half of one.
/// A list in key order (HIBP's ordered-by-hash download) streams through in constant memory; any other order is sorted
/// in memory at 8 bytes an entry. Running processes pick the new filter up within <see cref="BlocklistOptions.ReloadInterval"/>.
/// </summary>
public sealed class ImportBlocklistHandler(IOptions<BlocklistOptions> options, IOptions<LatchkeyOptions> latchkey, ILogger<ImportBlocklistHandler> logger)
{
    private const int ProgressEveryLines = 1 << 16;

    public Task<Result<ImportedBlocklist>> HandleAsync(
        ImportBlocklistCommand command,
        IProgress<ImportBlocklistProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return Task.Run(() => Import(command, progress, cancellationToken), cancellationToken);
    }

    private Result<ImportedBlocklist> Import(ImportBlocklistCommand command, IProgress<ImportBlocklistProgress>? progress, CancellationToken cancellationToken)
    {
        var source = command.SourcePath;
        if (!File.Exists(source))
        {
            return Result<ImportedBlocklist>.Fail(ErrorCodes.Validation, $"No file {source}.");
        }

        var target = options.Value.FullFilterPath(latchkey.Value);
        try
        {
            var format = command.Format == BlocklistFileFormat.Auto ? Detect(source) : command.Format;
            var scan = Read(source, format, ImportBlocklistPhase.Checking, progress, onKey: null, cancellationToken);
            if (scan.Keys == 0)
            {
                return Result<ImportedBlocklist>.Fail(ErrorCodes.Validation, $"{source} has no entries.");
            }

            if (!scan.Sorted && scan.Keys > Array.MaxLength)
            {
                return Result<ImportedBlocklist>.Fail(
                    ErrorCodes.Validation,
                    $"{source} has {scan.Keys} entries in no order, too many to sort in memory; import a list ordered by SHA-1 (HIBP's ordered-by-hash download).");
            }

            var entries = Write(source, format, scan, target, progress, cancellationToken);
            BlocklistLog.Imported(logger, entries, format, target);
            return Result<ImportedBlocklist>.Ok(new ImportedBlocklist(target, format, entries, scan.Lines, scan.Skipped));
        }
        catch (BlocklistFormatException exception)
        {
            return Result<ImportedBlocklist>.Fail(ErrorCodes.Validation, $"{source}: {exception.Message}");
        }
    }

    private static BlocklistFileFormat Detect(string source)
    {
        using var stream = OpenSource(source);
        var reader = new BlocklistLineReader(stream);
        while (reader.TryReadLine(out var line))
        {
            if (!line.IsEmpty)
            {
                return TryParseHibp(line, out _) ? BlocklistFileFormat.Hibp : BlocklistFileFormat.Plain;
            }
        }

        return BlocklistFileFormat.Plain;
    }

    private static long Write(string source, BlocklistFileFormat format, Scan scan, string target, IProgress<ImportBlocklistProgress>? progress, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(target)!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(directory);
            long entries;
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 1 << 16))
            {
                var writer = new FingerprintFilterWriter(stream, scan.Keys);
                if (scan.Sorted)
                {
                    Reread(source, format, scan, progress, writer.Add, cancellationToken);
                }
                else
                {
                    var keys = GC.AllocateUninitializedArray<ulong>(checked((int)scan.Keys));
                    var next = 0;
                    Reread(source, format, scan, progress, key => keys[next++] = key, cancellationToken);
                    Array.Sort(keys);
                    foreach (var key in keys)
                    {
                        writer.Add(key);
                    }
                }

                entries = writer.Complete();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
            return entries;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Cannot write the blocklist filter {target}: {exception.Message}", exception);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private static void Reread(string source, BlocklistFileFormat format, Scan expected, IProgress<ImportBlocklistProgress>? progress, Action<ulong> onKey, CancellationToken cancellationToken)
    {
        var seen = 0L;
        var scan = Read(source, format, ImportBlocklistPhase.Writing, progress, key =>
        {
            if (++seen > expected.Keys)
            {
                throw new BlocklistFormatException("The file changed while it was being imported.");
            }

            onKey(key);
        }, cancellationToken);
        if (scan != expected)
        {
            throw new BlocklistFormatException("The file changed while it was being imported.");
        }
    }

    private static Scan Read(string source, BlocklistFileFormat format, ImportBlocklistPhase phase, IProgress<ImportBlocklistProgress>? progress, Action<ulong>? onKey, CancellationToken cancellationToken)
    {
        using var stream = OpenSource(source);
        var total = stream.Length;
        var reader = new BlocklistLineReader(stream);
        long keys = 0, skipped = 0;
        var sorted = true;
        var previous = 0UL;
        progress?.Report(new ImportBlocklistProgress(phase, 0, total));
        while (reader.TryReadLine(out var line))
        {
            if (reader.LineNumber % ProgressEveryLines == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new ImportBlocklistProgress(phase, reader.BytesRead, total));
            }

            if (line.IsEmpty)
            {
                continue;
            }

            ulong key;
            if (format == BlocklistFileFormat.Hibp)
            {
                if (!TryParseHibp(line, out key))
                {
                    throw new BlocklistFormatException($"Line {reader.LineNumber} is not a Have I Been Pwned line (40 hex digits of SHA-1, ':', a count).");
                }
            }
            else if (Utf8.IsValid(line))
            {
                key = BlocklistKey.OfUtf8(line);
            }
            else
            {
                skipped++;
                continue;
            }

            sorted &= keys == 0 || key >= previous;
            previous = key;
            keys++;
            onKey?.Invoke(key);
        }

        progress?.Report(new ImportBlocklistProgress(phase, total, total));
        return new Scan(keys, reader.LineNumber, skipped, sorted);
    }

    private static bool TryParseHibp(ReadOnlySpan<byte> line, out ulong key)
    {
        key = 0;
        var colon = line.IndexOf((byte)':');
        if (colon < 0)
        {
            return false;
        }

        var count = line[(colon + 1)..];
        return count.Length is > 0 and <= 20
            && !count.ContainsAnyExceptInRange((byte)'0', (byte)'9')
            && BlocklistKey.TryParseSha1Hex(line[..colon], out key);
    }

    private static FileStream OpenSource(string source)
    {
        try
        {
            return new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new BlocklistFormatException($"Cannot read it: {exception.Message}");
        }
    }

    private readonly record struct Scan(long Keys, long Lines, long Skipped, bool Sorted);
}
