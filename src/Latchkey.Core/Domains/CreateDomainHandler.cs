using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Domains;

/// <summary>
/// Adds a domain, for an Administrator over all domains and the CLI (<see cref="AdminAction.AddDomain"/>). Adding one
/// that exists is a <see cref="ErrorCodes.Conflict"/>, not an error of the store.
/// </summary>
public sealed class CreateDomainHandler(LatchkeyDbContext db, DomainRegistry registry)
{
    public async Task<Result<MailDomain>> HandleAsync(string name, Actor actor, AuditContext context, CancellationToken cancellationToken = default)
    {
        if (AccessPolicy.CanDo(actor, AdminAction.AddDomain) is { } refused)
        {
            return refused;
        }

        if (!EmailAddress.TryNormalizeDomain(name, out var normalized))
        {
            return Failure.Field(ErrorCodes.Validation, "name", "'{0}' is not a valid domain name.", name);
        }

        if (await db.Domains.AnyAsync(d => d.Name == normalized, cancellationToken))
        {
            return Failure.Of(ErrorCodes.Conflict, "The domain {0} exists already.", normalized);
        }

        var domain = registry.Add(normalized, context);
        await db.SaveChangesAsync(cancellationToken);
        return Result<MailDomain>.Ok(domain);
    }
}
