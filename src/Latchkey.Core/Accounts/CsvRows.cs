using System.Text;
using Latchkey.Core.Common;

namespace Latchkey.Core.Accounts;

/// <summary>RFC 4180 CSV with a header row: quoted fields, doubled quotes, commas and line breaks inside quotes.</summary>
internal static class CsvRows
{
    public const int MaxRows = 1_000_000;
    public const int MaxFieldLength = 4096;

    public static async Task<Result<List<(int Line, Dictionary<string, string> Fields)>>> ReadAsync(TextReader reader, CancellationToken cancellationToken)
    {
        var records = new List<(int Line, List<string> Fields)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var line = 1;
        var recordLine = 1;
        var text = await reader.ReadToEndAsync(cancellationToken);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                fields.Add(field.ToString());
                field.Clear();
                if (fields.Count > 1 || fields[0].Length > 0)
                {
                    records.Add((recordLine, fields));
                }

                fields = [];
                line++;
                recordLine = line;
            }
            else
            {
                field.Append(c);
            }

            if (field.Length > MaxFieldLength || records.Count > MaxRows)
            {
                return Failure.Field(ErrorCodes.Validation, "file", $"line {line}: the file is too large (fields up to {MaxFieldLength} characters, up to {MaxRows} rows).");
            }
        }

        if (quoted)
        {
            return Failure.Field(ErrorCodes.Validation, "file", $"line {recordLine}: a quoted field is not closed.");
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add((recordLine, fields));
        }

        if (records.Count == 0)
        {
            return Failure.Field(ErrorCodes.Validation, "file", "The file is empty: it needs a header row (email,role,domain,mailbox,password,password_hash) and rows.");
        }

        var header = records[0].Fields.Select(h => h.Trim().ToLowerInvariant()).ToList();
        if (!header.Contains("email"))
        {
            return Failure.Field(ErrorCodes.Validation, "file", "The header row has no 'email' column.");
        }

        var known = new HashSet<string>(StringComparer.Ordinal) { "email", "role", "domain", "mailbox", "password", "password_hash" };
        if (header.FirstOrDefault(h => !known.Contains(h)) is { } unknown)
        {
            return Failure.Field(ErrorCodes.Validation, "file", $"Unknown column '{unknown}'.");
        }

        var result = new List<(int, Dictionary<string, string>)>();
        foreach (var (at, values) in records.Skip(1))
        {
            if (values.Count != header.Count)
            {
                return Failure.Field(ErrorCodes.Validation, "file", $"line {at}: {values.Count} fields, the header has {header.Count}.");
            }

            result.Add((at, header.Zip(values).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal)));
        }

        return Result<List<(int Line, Dictionary<string, string> Fields)>>.Ok(result);
    }
}
