using Latchkey.Core.Common;
using Latchkey.Core.Data;

namespace Latchkey.Core.Audit;

/// <summary>
/// Which audit events to show. <see cref="Account"/> is an account id or an e-mail address and matches events where
/// that account acted or was acted on; <see cref="Type"/> is one of <see cref="AuditEventTypes"/>;
/// <see cref="Outcome"/> is <c>success</c> or <c>failure</c>; <see cref="Since"/> is inclusive and
/// <see cref="Until"/> exclusive. Empty filters match everything.
/// </summary>
public sealed record AuditEventFilter(
    string? Account = null,
    string? Type = null,
    string? Outcome = null,
    DateTimeOffset? Since = null,
    DateTimeOffset? Until = null)
{
    internal IQueryable<AuditEvent> Apply(IQueryable<AuditEvent> events)
    {
        var account = Account?.Trim();
        if (Guid.TryParse(account, out var accountId))
        {
            events = events.Where(e => e.ActorId == accountId || e.TargetId == accountId);
        }
        else if (!string.IsNullOrEmpty(account))
        {
            // A refused sign-in with a malformed address records the text as typed; match that too.
            var email = EmailAddress.TryNormalize(account, out var normalized, out _) ? normalized : account;
            events = events.Where(e => e.ActorEmail == email || e.TargetEmail == email);
        }

        if (!string.IsNullOrWhiteSpace(Type))
        {
            var type = Type.Trim();
            events = events.Where(e => e.Type == type);
        }

        if (!string.IsNullOrWhiteSpace(Outcome))
        {
            var outcome = Outcome.Trim();
            events = events.Where(e => e.Outcome == outcome);
        }

        // At offset zero: SQLite compares the stored numbers, which order correctly only within one offset.
        if (Since is { } since)
        {
            var from = since.ToUniversalTime();
            events = events.Where(e => e.OccurredAt >= from);
        }

        if (Until is { } until)
        {
            var to = until.ToUniversalTime();
            events = events.Where(e => e.OccurredAt < to);
        }

        return events;
    }
}
