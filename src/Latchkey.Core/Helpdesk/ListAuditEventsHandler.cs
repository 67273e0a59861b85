using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Helpdesk;

/// <summary>
/// Lists audit events matching a filter, newest (highest sequence) first, one page at a time, for those
/// <see cref="AuditReaders"/> lets in.
/// </summary>
public sealed class ListAuditEventsHandler(LatchkeyDbContext db, AuditReaders readers)
{
    public const int MaxPageSize = 500;

    public async Task<Result<AuditEventPage>> HandleAsync(ListAuditEventsQuery query, Actor actor, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (await readers.CheckAsync(actor, context, cancellationToken) is { } refused)
        {
            return refused;
        }

        var events = query.Filter.Apply(db.AuditEvents.AsNoTracking());
        var total = await events.CountAsync(cancellationToken);
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = Math.Max(query.Page, 1);
        var items = await events.OrderByDescending(e => e.Sequence)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken);
        return Result<AuditEventPage>.Ok(new AuditEventPage([.. items.Select(AuditEventView.From)], total));
    }
}
