using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Helpdesk;

/// <summary>One account for the admin panel, if the actor may see it.</summary>
public sealed class GetAccountDetailsHandler(LatchkeyDbContext db, ListSessionsHandler sessions, LockoutReader lockout, TimeProvider timeProvider)
{
    public const int RecentFailures = 20;

    public async Task<Result<AccountDetails>> HandleAsync(Guid accountId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var account = await db.Users.AsNoTracking().Include(a => a.Roles).SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return Result<AccountDetails>.Fail(ErrorCodes.NotFound, "No such account.");
        }

        // Staff may view their own account in a domain they work in, even though they cannot act on an equal role.
        var ownAccount = account.Id == actor.AccountId && actor.RoleIn(account.Domain) is not null;
        if (AccessPolicy.CanActOn(actor, account, AdminAction.View) is { } refused && !ownAccount)
        {
            return refused;
        }

        var failures = await db.AuditEvents.AsNoTracking()
            .Where(e => e.TargetId == accountId && e.Type == AuditEventTypes.SignIn && e.Outcome == AuditEventTypes.Failure)
            .OrderByDescending(e => e.Id)
            .Take(RecentFailures)
            .Select(e => new SignInFailureView(e.OccurredAt, e.Ip, e.UserAgent, e.Detail))
            .ToListAsync(cancellationToken);
        var live = await sessions.HandleAsync(accountId, null, cancellationToken);
        var lockoutView = await lockout.ReadAsync(account, cancellationToken);
        return Result<AccountDetails>.Ok(new AccountDetails(
            AccountView.From(account, timeProvider.GetUtcNow(), lockoutView.StaleDevices),
            live,
            failures,
            lockoutView.RecentFailures));
    }
}
