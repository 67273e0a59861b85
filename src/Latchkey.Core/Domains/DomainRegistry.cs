using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Domains;

/// <summary>
/// Adds domains to the caller's unit of work (no save), audited as <see cref="AuditEventTypes.DomainCreated"/>: for
/// <see cref="CreateDomainHandler"/> and for the account creation and import that bring their domain with them. The
/// caller has decided already that its actor may do so.
/// </summary>
public sealed class DomainRegistry(LatchkeyDbContext db, AuditLog auditLog, TimeProvider timeProvider)
{
    /// <summary>Adds the domain when it is neither in the store nor in the unit of work yet.</summary>
    public async Task EnsureAsync(string normalizedName, AuditContext context, CancellationToken cancellationToken)
    {
        if (db.Domains.Local.Any(d => d.Name == normalizedName)
            || await db.Domains.AnyAsync(d => d.Name == normalizedName, cancellationToken))
        {
            return;
        }

        Add(normalizedName, context);
    }

    /// <summary>Adds the domain, which the caller knows is new.</summary>
    public MailDomain Add(string normalizedName, AuditContext context)
    {
        var domain = new MailDomain { Name = normalizedName, CreatedAt = timeProvider.GetUtcNow() };
        db.Domains.Add(domain);
        auditLog.Add(AuditEventTypes.DomainCreated, AuditEventTypes.Success, context, detail: normalizedName);
        return domain;
    }
}
