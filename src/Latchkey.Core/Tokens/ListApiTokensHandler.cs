using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Tokens;

/// <summary>The account's live tokens (not revoked, not expired), newest first; never a secret.</summary>
public sealed class ListApiTokensHandler(LatchkeyDbContext db, TimeProvider timeProvider)
{
    public async Task<IReadOnlyList<ApiTokenView>> HandleAsync(Guid accountId, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var rows = await db.ApiTokens.AsNoTracking()
            .Where(t => t.AccountId == accountId && t.RevokedAt == null && t.ExpiresAt > now)
            .ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Name, StringComparer.Ordinal).Select(ApiTokenView.From)];
    }
}
