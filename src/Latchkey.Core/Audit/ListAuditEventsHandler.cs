using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Audit;

/// <summary>Lists audit events matching a filter, newest (highest sequence) first, one page at a time.</summary>
public sealed class ListAuditEventsHandler(LatchkeyDbContext db)
{
    public const int MaxPageSize = 500;

    public async Task<AuditEventPage> HandleAsync(ListAuditEventsQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var events = query.Filter.Apply(db.AuditEvents.AsNoTracking());
        var total = await events.CountAsync(cancellationToken);
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = Math.Max(query.Page, 1);
        var items = await events.OrderByDescending(e => e.Sequence)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken);
        return new AuditEventPage([.. items.Select(AuditEventView.From)], total);
    }
}
