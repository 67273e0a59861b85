using Latchkey.Core.Access;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.TwoFactor;

/// <summary>
/// Reads a domain's second-factor policy (<see cref="SetTwoFactorPolicyHandler"/> sets it), for anyone who may view
/// accounts in the domain (<see cref="AdminAction.View"/>).
/// </summary>
public sealed class GetTwoFactorPolicyHandler(LatchkeyDbContext db)
{
    public async Task<Result<TwoFactorDomainPolicy>> HandleAsync(string domain, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var row = await db.Domains.AsNoTracking().SingleOrDefaultAsync(d => d.Name == domain, cancellationToken);
        if (row is null)
        {
            return Result<TwoFactorDomainPolicy>.Fail(ErrorCodes.NotFound, "No such domain.");
        }

        return AccessPolicy.CanActInDomain(actor, domain, AdminAction.View) is { } refused
            ? refused
            : Result<TwoFactorDomainPolicy>.Ok(new TwoFactorDomainPolicy(row.Name, row.TwoFactorRequirement, row.TwoFactorGraceSignIns, row.MailNeedsAppPassword));
    }
}
