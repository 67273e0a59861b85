using Latchkey.Core.Access;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Domains;

/// <summary>
/// The domains the actor manages (all of them for an Administrator over all domains and the CLI) with their account
/// counts, by name; one who manages none is refused (<see cref="AdminAction.ListDomains"/>).
/// </summary>
public sealed class ListDomainsHandler(LatchkeyDbContext db)
{
    public async Task<Result<IReadOnlyList<DomainSummary>>> HandleAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        if (AccessPolicy.CanDo(actor, AdminAction.ListDomains) is { } refused)
        {
            return refused;
        }

        var domains = db.Domains.AsNoTracking();
        var accounts = db.Users.AsNoTracking();
        if (actor.ManagedDomains is { } visible)
        {
            domains = domains.Where(d => visible.Contains(d.Name));
            accounts = accounts.Where(a => visible.Contains(a.Domain));
        }

        var rows = await domains.OrderBy(d => d.Name).ToListAsync(cancellationToken);
        var counts = await accounts
            .GroupBy(a => a.Domain)
            .Select(g => new { Domain = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Domain, g => g.Count, cancellationToken);
        return Result<IReadOnlyList<DomainSummary>>.Ok([.. rows.Select(d => new DomainSummary(d.Name, counts.GetValueOrDefault(d.Name), d.CreatedAt))]);
    }
}
