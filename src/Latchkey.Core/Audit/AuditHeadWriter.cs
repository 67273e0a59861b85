using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Latchkey.Core.Audit;

/// <summary>
/// Writes the audit chain's head (<c>SEQUENCE:HASH</c>, the anchor <c>latchkey audit verify --anchor</c> takes) to the
/// server log at start and once an hour, so an anchor outside the database exists without anyone writing it down:
/// records cut off after a logged head, or a chain recomputed from scratch, no longer match it.
/// </summary>
public sealed partial class AuditHeadWriter(IServiceScopeFactory scopes, TimeProvider timeProvider, ILogger<AuditHeadWriter> logger)
    : HourlyJob(scopes, timeProvider)
{
    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var head = await services.GetRequiredService<LatchkeyDbContext>().AuditEvents.AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(cancellationToken);
        if (head is not null)
        {
            var anchor = new AuditAnchor(head.Sequence, AuditChain.ToHex(head.Hash)).ToString();
            LogHead(logger, anchor);
        }
    }

    protected override void Failed(Exception exception) => LogFailed(logger, exception);

    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Audit chain head {Anchor}")]
    private static partial void LogHead(ILogger logger, string anchor);

    [LoggerMessage(EventId = 701, Level = LogLevel.Warning, Message = "Could not read the audit chain head")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
