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
public sealed class CreateDomainHandler(LatchkeyDbContext db, AuditLog auditLog, TimeProvider timeProvider)
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

        var domain = Add(normalized, context);
        await db.SaveChangesAsync(cancellationToken);
        return Result<MailDomain>.Ok(domain);
    }

    /// <summary>
    /// Adds the domain to the caller's unit of work when it is not there yet (no save). The caller has decided already
    /// that its actor may create an account there.
    /// </summary>
    public async Task EnsureAsync(string normalizedName, AuditContext context, CancellationToken cancellationToken)
    {
        if (db.Domains.Local.Any(d => d.Name == normalizedName)
            || await db.Domains.AnyAsync(d => d.Name == normalizedName, cancellationToken))
        {
            return;
        }

        Add(normalizedName, context);
    }

    private MailDomain Add(string normalized, AuditContext context)
    {
        var domain = new MailDomain { Name = normalized, CreatedAt = timeProvider.GetUtcNow() };
        db.Domains.Add(domain);
        auditLog.Add(AuditEventTypes.DomainCreated, AuditEventTypes.Success, context, detail: normalized);
        return domain;
    }
}
