using System.Globalization;
using System.Text;

namespace Latchkey.Core.Audit;

/// <summary>
/// The CSV export (RFC 4180): a header row, then one line per event, CRLF line ends. A cell with a comma, quote or
/// line break is quoted, quotes doubled. A text cell starting with <c>= + - @</c>, tab or carriage return gets a
/// leading <c>'</c> so a spreadsheet shows it as text instead of running it as a formula (OWASP "CSV injection").
/// </summary>
public static class AuditCsv
{
    public const string Header = "sequence,occurredAt,type,outcome,actorId,actorEmail,targetId,targetEmail,ip,userAgent,detail,hash";

    public static string Row(AuditEventView auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        string?[] cells =
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
        return string.Join(',', cells.Select(Cell));
    }

    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            return value;
        }

        return new StringBuilder(value.Length + 8).Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"').ToString();
    }
}
