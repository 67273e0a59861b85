using System.Globalization;
using System.Text;
using CsvHelper;

namespace Latchkey.Core.Audit;

/// <summary>
/// The CSV export (RFC 4180, written by CsvHelper): a header row, then one line per event, CRLF line ends. Ours is
/// only the defusing (OWASP "CSV injection", ASVS 1.2.10): a text that starts with <c>= + - @</c>, tab or carriage
/// return, at the start of the cell or after a <c>;</c> or <c>,</c> (a spreadsheet that splits on either would start a
/// new cell there), gets a leading <c>'</c>, so it is shown as text instead of run as a formula.
/// </summary>
public static class AuditCsv
{
    public const string Header = "sequence,occurredAt,type,outcome,actorId,actorEmail,targetId,targetEmail,ip,userAgent,detail,hash";

    // Injection = Escape is the library's own guard for a formula start at the beginning of a cell; Defuse has
    // already put a ' there, and adds it after separators, which the library does not look at.
    private static readonly CsvWriterOptions _options = new() { Separator = ',', NewLine = "\r\n", Injection = CsvInjection.Escape };

    public static async Task WriteAsync(TextWriter writer, IAsyncEnumerable<AuditEventView> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(events);
        await using var csv = CsvWriter.Create(writer, _options, leaveOpen: true);
        csv.WriteHeader(Header.Split(','));
        await foreach (var auditEvent in events.WithCancellation(cancellationToken))
        {
            foreach (var cell in Cells(auditEvent))
            {
                csv.WriteField(Defuse(cell));
            }

            await csv.EndRecordAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    /// <summary>The text with a <c>'</c> before every formula start: at the beginning and after each <c>;</c> or <c>,</c> (and spaces).</summary>
    public static string? Defuse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value;
        }

        var result = new StringBuilder(value.Length + 4);
        var cellStart = true;
        foreach (var c in value)
        {
            if (cellStart && c is '=' or '+' or '-' or '@' or '\t' or '\r')
            {
                result.Append('\'');
            }

            result.Append(c);
            cellStart = c is ';' or ',' || (cellStart && c == ' ');
        }

        return result.ToString();
    }

    private static string?[] Cells(AuditEventView auditEvent) =>
    [
        auditEvent.Sequence.ToString(CultureInfo.InvariantCulture),
        auditEvent.OccurredAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        auditEvent.Type,
        auditEvent.Outcome,
        auditEvent.ActorId?.ToString(),
        auditEvent.ActorEmail,
        auditEvent.TargetId?.ToString(),
        auditEvent.TargetEmail,
        auditEvent.Ip,
        auditEvent.UserAgent,
        auditEvent.Detail,
        auditEvent.Hash,
    ];
}
