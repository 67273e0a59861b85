using System.Runtime.CompilerServices;
using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Helpdesk;

/// <summary>
/// Every audit event matching a filter, newest first, streamed from the store as it is read (an export of any size
/// holds one row in memory at a time), for those <see cref="AuditReaders"/> lets in: the check is made before the
/// stream is handed out.
/// </summary>
public sealed class ExportAuditEventsHandler(LatchkeyDbContext db, AuditReaders readers)
{
    public async Task<Result<IAsyncEnumerable<AuditEventView>>> HandleAsync(AuditEventFilter filter, Actor actor, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return await readers.CheckAsync(actor, context, cancellationToken) is { } refused
            ? refused
            : Result<IAsyncEnumerable<AuditEventView>>.Ok(StreamAsync(filter, cancellationToken));
    }

    private async IAsyncEnumerable<AuditEventView> StreamAsync(AuditEventFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = filter.Apply(db.AuditEvents.AsNoTracking()).OrderByDescending(e => e.Sequence).AsAsyncEnumerable();
        await foreach (var auditEvent in events.WithCancellation(cancellationToken))
        {
            yield return AuditEventView.From(auditEvent);
        }
    }
}
