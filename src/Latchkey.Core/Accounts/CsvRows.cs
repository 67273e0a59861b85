using System.Text;
using CsvHelper;
using Latchkey.Core.Common;

namespace Latchkey.Core.Accounts;

/// <summary>
/// The import file as rows keyed by the header. CsvHelper parses RFC 4180 (quotes, doubled quotes, separators and
/// line breaks inside quotes); what is ours is the refusal, with its line: bytes that are not UTF-8, an unclosed
/// quote, a missing, unknown or repeated column, a row with the wrong number of fields, a file over the limits.
/// </summary>
internal static class CsvRows
{
    public const int MaxRows = 1_000_000;
    public const int MaxFieldLength = 4096;

    public static readonly IReadOnlySet<string> Columns = new HashSet<string>(StringComparer.Ordinal) { "email", "role", "domain", "mailbox", "password", "password_hash" };

    /// <summary>The file's text, or a refusal naming the first line that is not UTF-8 (a byte-order mark is skipped).</summary>
    public static Result<string> DecodeUtf8(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("\uFEFF"u8))
        {
            content = content[3..];
        }

        var line = 1;
        var rest = content;
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)'\n');
            var current = end < 0 ? rest : rest[..end];
            if (!System.Text.Unicode.Utf8.IsValid(current))
            {
                return Failure.Field(ErrorCodes.Validation, "file", $"line {line}: the file is not valid UTF-8; save it as UTF-8 and try again.");
            }

            rest = end < 0 ? [] : rest[(end + 1)..];
            line++;
        }

        return Result<string>.Ok(Encoding.UTF8.GetString(content));
    }

    public static async Task<Result<List<(int Line, Dictionary<string, string> Fields)>>> ReadAsync(TextReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = false,
            AllowLineBreaksInQuotes = true,
            SkipEmptyLines = true,
            TrimWhitespace = false,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            MaxRecordSize = MaxFieldLength * Columns.Count * 4,
            PoolStrings = false,
        };
        var records = new List<(int Line, string[] Fields)>();
        await using var csv = CsvReader.Create(reader, options, leaveOpen: true);
        try
        {
            while (await csv.ReadAsync(cancellationToken))
            {
                if (records.Count > MaxRows)
                {
                    return Failure.Field(ErrorCodes.Validation, "file", $"The file has more than {MaxRows} rows.");
                }

                var fields = new string[csv.FieldCount];
                for (var i = 0; i < fields.Length; i++)
                {
                    fields[i] = csv.GetString(i) ?? "";
                    if (fields[i].Length > MaxFieldLength)
                    {
                        return Failure.Field(ErrorCodes.Validation, "file", $"line {csv.LineNumber}: a field is longer than {MaxFieldLength} characters.");
                    }
                }

                records.Add((Convert.ToInt32(csv.LineNumber), fields));
            }
        }
        catch (CsvFormatException malformed)
        {
            return Failure.Field(ErrorCodes.Validation, "file", $"line {malformed.LineNumber}: malformed quoting: a quoted field is not closed, or text follows its closing quote.");
        }

        return ToRows(records);
    }

    private static Result<List<(int Line, Dictionary<string, string> Fields)>> ToRows(List<(int Line, string[] Fields)> records)
    {
        if (records.Count == 0)
        {
            return Failure.Field(ErrorCodes.Validation, "file", "The file is empty: it needs a header row (email,role,domain,mailbox,password,password_hash) and rows.");
        }

        var header = records[0].Fields.Select(h => h.Trim().ToLowerInvariant()).ToList();
        if (!header.Contains("email"))
        {
            return Failure.Field(ErrorCodes.Validation, "file", "The header row has no 'email' column.");
        }

        if (header.FirstOrDefault(h => !Columns.Contains(h)) is { } unknown)
        {
            return Failure.Field(ErrorCodes.Validation, "file", $"Unknown column '{unknown}'.");
        }

        if (header.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            return Failure.Field(ErrorCodes.Validation, "file", $"line 1: duplicate column '{repeated.Key}'; each column may appear once.");
        }

        var result = new List<(int, Dictionary<string, string>)>();
        foreach (var (line, values) in records.Skip(1))
        {
            if (values.Length != header.Count)
            {
                return Failure.Field(ErrorCodes.Validation, "file", $"line {line}: {values.Length} fields, the header has {header.Count}.");
            }

            result.Add((line, header.Zip(values).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal)));
        }

        return Result<List<(int Line, Dictionary<string, string> Fields)>>.Ok(result);
    }
}
