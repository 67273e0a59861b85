using Latchkey.Core.Audit;
namespace Latchkey.Core.Helpdesk;

/// <summary>One page of audit events: the API's <c>{"items":[…],"total":N}</c>, total counting every match.</summary>
public sealed record AuditEventPage(IReadOnlyList<AuditEventView> Items, int Total);
