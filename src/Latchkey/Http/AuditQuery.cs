using System.Globalization;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Helpdesk;

namespace Latchkey.Http;

/// <summary>
/// The audit log's query-string filters, shared by the API, the export and the page: <c>account</c> (id or e-mail
/// address), <c>type</c>, <c>outcome</c>, <c>since</c> and <c>until</c> (ISO 8601; without an offset they are UTC),
/// <c>page</c> and <c>pageSize</c>.
/// </summary>
internal static class AuditQuery
{
    private static readonly string[] _invalidCode = ["invalid"];

    public static Failure? TryParseFilter(string? account, string? type, string? outcome, string? since, string? until, out AuditEventFilter filter)
    {
        filter = new AuditEventFilter();
        var errors = new Dictionary<string, string[]>();
        var from = ParseTime("since", since, errors);
        var to = ParseTime("until", until, errors);
        if (outcome is { Length: > 0 } && outcome.Trim() is not (AuditEventTypes.Success or AuditEventTypes.Failure))
        {
            errors["outcome"] = _invalidCode;
        }

        if (errors.Count > 0)
        {
            return new Failure(ErrorCodes.Validation, "Check the filters: " + string.Join(", ", errors.Keys) + ".", errors);
        }

        filter = new AuditEventFilter(Blank(account), Blank(type), Blank(outcome), from, to);
        return null;
    }

    public static Failure? TryParsePage(string? page, string? pageSize, out int pageNumber, out int size)
    {
        size = 50;
        pageNumber = 1;
        var errors = new Dictionary<string, string[]>();
        if (page is { Length: > 0 } && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out pageNumber) || pageNumber < 1))
        {
            errors["page"] = _invalidCode;
        }

        if (pageSize is { Length: > 0 } && (!int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > ListAuditEventsHandler.MaxPageSize))
        {
            errors["pageSize"] = _invalidCode;
        }

        return errors.Count == 0
            ? null
            : new Failure(ErrorCodes.Validation, $"page is a number from 1; pageSize from 1 to {ListAuditEventsHandler.MaxPageSize}.", errors);
    }

    private static DateTimeOffset? ParseTime(string field, string? value, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }

        errors[field] = _invalidCode;
        return null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
