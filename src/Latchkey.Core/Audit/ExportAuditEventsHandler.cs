using System.Runtime.CompilerServices;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Audit;

/// <summary>
/// Every audit event matching a filter, newest first, streamed from the store as it is read: an export of any size
/// holds one row in memory at a time.
/// </summary>
public sealed class ExportAuditEventsHandler(LatchkeyDbContext db)
{
    public async IAsyncEnumerable<AuditEventView> HandleAsync(AuditEventFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var events = filter.Apply(db.AuditEvents.AsNoTracking()).OrderByDescending(e => e.Sequence).AsAsyncEnumerable();
        await foreach (var auditEvent in events.WithCancellation(cancellationToken))
        {
            yield return AuditEventView.From(auditEvent);
        }
    }
}
