using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Domains;

/// <summary>Every domain with its account count, by name.</summary>
public sealed class ListDomainsHandler(LatchkeyDbContext db)
{
    public async Task<IReadOnlyList<DomainSummary>> HandleAsync(CancellationToken cancellationToken = default)
    {
        var domains = await db.Domains.AsNoTracking().OrderBy(d => d.Name).ToListAsync(cancellationToken);
        var counts = await db.Users.AsNoTracking()
            .GroupBy(a => a.Domain)
            .Select(g => new { Domain = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Domain, g => g.Count, cancellationToken);
        return [.. domains.Select(d => new DomainSummary(d.Name, counts.GetValueOrDefault(d.Name), d.CreatedAt))];
    }
}
