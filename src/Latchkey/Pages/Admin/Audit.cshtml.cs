using System.Reflection;
using Latchkey.Core.Audit;
using Latchkey.Core.Helpdesk;
using Latchkey.Http;
using Latchkey.Localization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Latchkey.Pages.Admin;

/// <summary>
/// The audit log for administrators: the same filters as <c>GET /api/v1/audit</c> (the field names are the API's
/// query parameters, so the export links carry them as they are), newest first, 50 a page. Others get a 403 page.
/// </summary>
public sealed class AuditModel(ListAuditEventsHandler list) : PageModel
{
    private Microsoft.Extensions.Localization.IStringLocalizer<Latchkey.Localization.Text> T => Latchkey.Localization.PageText.Of(HttpContext);

    public const int PageSize = 50;

    private static readonly string[] _knownTypes = [.. typeof(AuditEventTypes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.Name is not (nameof(AuditEventTypes.Success) or nameof(AuditEventTypes.Failure)))
        .Select(f => (string)f.GetRawConstantValue()!)
        .Order(StringComparer.Ordinal)];

    [BindProperty(SupportsGet = true)]
    public string? Account { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Outcome { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Since { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Until { get; set; }

    /// <summary>The page number, as <c>p</c>: Razor Pages keeps the route value <c>page</c> for itself.</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<string> KnownTypes => _knownTypes;

    public bool Forbidden { get; private set; }

    public string? Error { get; private set; }

    public AuditEventPage Events { get; private set; } = new([], 0);

    public int PageCount => Math.Max(1, (Events.Total + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (AuditQuery.TryParseFilter(Account, Type, Outcome, Since, Until, out var filter) is { } invalid)
        {
            Error = T.Describe(invalid);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        PageNumber = Math.Max(PageNumber, 1);
        var result = await list.HandleAsync(new ListAuditEventsQuery(filter, PageNumber, PageSize), CurrentSession.Actor(HttpContext), CurrentSession.Audit(HttpContext), cancellationToken);
        if (!result.Succeeded)
        {
            Forbidden = true;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        Events = result.Value;
        return Page();
    }

    /// <summary>The current filters as a query string, optionally with more parameters (a page, an export format).</summary>
    public string Query(params (string Name, string Value)[] extra)
    {
        var query = new QueryBuilder();
        foreach (var (name, value) in new[] { ("account", Account), ("type", Type), ("outcome", Outcome), ("since", Since), ("until", Until) })
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query.Add(name, value);
            }
        }

        foreach (var (name, value) in extra)
        {
            query.Add(name, value);
        }

        return query.ToString();
    }
}
