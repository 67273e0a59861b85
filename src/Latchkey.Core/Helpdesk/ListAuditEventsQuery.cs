using Latchkey.Core.Audit;
namespace Latchkey.Core.Helpdesk;

/// <summary>One page of the filtered audit log, newest first; <see cref="Page"/> starts at 1.</summary>
public sealed record ListAuditEventsQuery(AuditEventFilter Filter, int Page = 1, int PageSize = 50);
