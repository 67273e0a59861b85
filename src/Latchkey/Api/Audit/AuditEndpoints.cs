using System.Globalization;
using System.Text;
using System.Text.Json;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Helpdesk;
using Latchkey.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Latchkey.Api.Audit;

internal static class AuditEndpoints
{
    private static readonly string[] _invalidCode = ["invalid"];

    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", ListAsync).Produces<AuditEventPage>().Problems(400)
            .WithSummary("The audit log, newest first, filtered by account, type, outcome and time (since ≤ t < until). Administrators only.");
        api.MapGet("/audit/export", ExportAsync).Produces<string>(StatusCodes.Status200OK, "text/csv", "application/jsonl").Problems(400)
            .WithSummary("Every matching audit event, streamed as CSV (format=csv) or JSON lines (format=jsonl). Administrators only.");
        return api;
    }

    internal static async Task<IResult> ListAsync(
        string? account,
        string? type,
        string? outcome,
        string? since,
        string? until,
        string? page,
        string? pageSize,
        HttpContext context,
        ListAuditEventsHandler handler,
        CancellationToken cancellationToken)
    {
        var invalidFilter = AuditQuery.TryParseFilter(account, type, outcome, since, until, out var filter);
        var invalidPage = AuditQuery.TryParsePage(page, pageSize, out var pageNumber, out var size);
        if ((invalidFilter ?? invalidPage) is { } invalid)
        {
            return ApiProblems.Result(invalid);
        }

        var result = await handler.HandleAsync(new ListAuditEventsQuery(filter, pageNumber, size), CurrentSession.Actor(context), CurrentSession.Audit(context), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(result.Value) : ApiProblems.Result(result.Failure);
    }

    internal static async Task<IResult> ExportAsync(
        string? format,
        string? account,
        string? type,
        string? outcome,
        string? since,
        string? until,
        HttpContext context,
        ExportAuditEventsHandler handler,
        TimeProvider timeProvider,
        IOptions<JsonOptions> jsonOptions,
        CancellationToken cancellationToken)
    {
        var kind = string.IsNullOrWhiteSpace(format) ? "csv" : format.Trim().ToLowerInvariant();
        if (kind is not ("csv" or "jsonl"))
        {
            return ApiProblems.Result(new Failure(ErrorCodes.Validation, "format is csv or jsonl.", new Dictionary<string, string[]> { ["format"] = _invalidCode }));
        }

        if (AuditQuery.TryParseFilter(account, type, outcome, since, until, out var filter) is { } invalid)
        {
            return ApiProblems.Result(invalid);
        }

        var exported = await handler.HandleAsync(filter, CurrentSession.Actor(context), CurrentSession.Audit(context), context.RequestAborted);
        if (!exported.Succeeded)
        {
            return ApiProblems.Result(exported.Failure);
        }

        var events = exported.Value;
        var name = "latchkey-audit-" + timeProvider.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        return kind == "csv"
            ? TypedResults.Stream(stream => WriteCsvAsync(stream, events), "text/csv; charset=utf-8", name + ".csv")
            : TypedResults.Stream(stream => WriteJsonLinesAsync(stream, events, jsonOptions.Value.SerializerOptions), "application/jsonl; charset=utf-8", name + ".jsonl");
    }

    private static async Task WriteCsvAsync(Stream stream, IAsyncEnumerable<AuditEventView> events)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
        await AuditCsv.WriteAsync(writer, events, CancellationToken.None);
    }

    private static async Task WriteJsonLinesAsync(Stream stream, IAsyncEnumerable<AuditEventView> events, JsonSerializerOptions options)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        await foreach (var auditEvent in events)
        {
            await writer.WriteLineAsync(JsonSerializer.Serialize(auditEvent, options));
        }
    }
}
