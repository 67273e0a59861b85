using Latchkey.Core.Access;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Passwords;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Domains;

/// <summary>
/// Reads a domain's password policy, its own or the global one, for anyone with a role in the domain (others get
/// <see cref="ErrorCodes.NotFound"/>, as for a domain that does not exist).
/// </summary>
public sealed class GetDomainPolicyHandler(LatchkeyDbContext db, PasswordPolicyProvider policies)
{
    public async Task<Result<DomainPolicy>> HandleAsync(string name, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var domain = await FindAsync(name, cancellationToken);
        if (domain is null || actor.RoleIn(domain.Name) is null)
        {
            return Result<DomainPolicy>.Fail(ErrorCodes.NotFound, "No such domain.");
        }

        var own = PasswordPolicyProvider.Parse(domain.PasswordPolicy);
        return Result<DomainPolicy>.Ok(new DomainPolicy(domain.Name, own ?? policies.Global, own is not null));
    }

    private async Task<MailDomain?> FindAsync(string name, CancellationToken cancellationToken) =>
        EmailAddress.TryNormalizeDomain(name, out var normalized)
            ? await db.Domains.SingleOrDefaultAsync(d => d.Name == normalized, cancellationToken)
            : null;
}
