using Latchkey.Core.Access;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Lockout;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Helpdesk;

/// <summary>
/// Lists accounts by address, filtered by domain, a search on the address, and lock, disabled and must-change state;
/// an actor sees only the domains they manage (the CLI, <see cref="Actor.Console"/>, sees all), and one who manages
/// none is refused (<see cref="AdminAction.ListAccounts"/>).
/// </summary>
public sealed class ListAccountsHandler(LatchkeyDbContext db, StaleDevices staleDevices, TimeProvider timeProvider)
{
    public const int MaxPageSize = 500;

    public async Task<Result<AccountPage>> HandleAsync(ListAccountsQuery query, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (AccessPolicy.CanDo(actor, AdminAction.ListAccounts) is { } refused)
        {
            return refused;
        }

        var now = timeProvider.GetUtcNow();
        var accounts = db.Users.AsNoTracking();
        if (actor.ManagedDomains is { } visible)
        {
            accounts = accounts.Where(a => visible.Contains(a.Domain));
        }

        if (query.Disabled is { } disabled)
        {
            accounts = accounts.Where(a => a.Disabled == disabled);
        }

        if (query.MustChangePassword is { } mustChange)
        {
            accounts = accounts.Where(a => a.MustChangePassword == mustChange);
        }

        if (query.SecondFactor is { } secondFactor)
        {
            accounts = accounts.Where(a => a.TwoFactorEnabled == secondFactor);
        }
        if (!string.IsNullOrWhiteSpace(query.Domain) && EmailAddress.TryNormalizeDomain(query.Domain, out var domain))
        {
            accounts = accounts.Where(a => a.Domain == domain);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim().ToUpperInvariant();
            accounts = accounts.Where(a => a.NormalizedEmail!.Contains(search));
        }

        if (query.Locked is { } locked)
        {
            accounts = locked
                ? accounts.Where(a => a.LockoutEnd != null && a.LockoutEnd > now)
                : accounts.Where(a => a.LockoutEnd == null || a.LockoutEnd <= now);
        }

        var total = await accounts.CountAsync(cancellationToken);
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = Math.Max(query.Page, 1);
        var items = await accounts.OrderBy(a => a.NormalizedEmail)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Include(a => a.Roles)
            .ToListAsync(cancellationToken);
        var stale = await staleDevices.ListAsync([.. items.Select(a => a.Id)], cancellationToken);
        return Result<AccountPage>.Ok(new AccountPage([.. items.Select(a => AccountView.From(a, now, stale.GetValueOrDefault(a.Id)))], total));
    }
}
