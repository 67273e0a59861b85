using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Mailboxes;

/// <summary>The account's app passwords, oldest first, each with its last use.</summary>
public sealed class ListAppPasswordsHandler(LatchkeyDbContext db)
{
    public async Task<IReadOnlyList<AppPasswordView>> HandleAsync(Guid accountId, CancellationToken cancellationToken = default)
    {
        var rows = await db.AppPasswords.AsNoTracking().Where(p => p.AccountId == accountId).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(p => p.CreatedAt).ThenBy(p => p.Name, StringComparer.Ordinal).Select(AppPasswordView.From)];
    }
}
