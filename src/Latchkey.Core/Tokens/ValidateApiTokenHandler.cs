using Latchkey.Core.Data;
using Latchkey.Core.Lockout;
using Latchkey.Core.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Tokens;

/// <summary>
/// Decides whether a Bearer token is live: present, not revoked, not expired, of an enabled account with panel
/// access. It shares the sessions' <see cref="SessionCache"/> and steps (<see cref="CredentialCheck"/>), so a token
/// check costs what a session check costs, and every revocation of the account's sessions or tokens empties the
/// cache on every node at commit. A token does not idle out.
/// </summary>
public sealed class ValidateApiTokenHandler(LatchkeyDbContext db, SessionCache cache, StaleDevices staleDevices, TimeProvider timeProvider, IOptions<LatchkeySessionOptions> options)
    : CredentialCheck(db, cache, staleDevices, timeProvider, options)
{
    protected override bool IdlesOut => false;

    /// <summary>The cache's answer alone, for the hot path; null means "ask <see cref="CredentialCheck.HandleAsync"/>".</summary>
    public static AuthenticatedSession? FromCache(SessionCache cache, string? token, DateTimeOffset now, LatchkeySessionOptions settings) =>
        ApiTokenSecrets.LooksValid(token) ? FromCache(cache, token!, idlesOut: false, now, settings) : null;

    protected override bool LooksValid(string? token) => ApiTokenSecrets.LooksValid(token);

    protected override async Task<StoredCredential?> FindAsync(string token, CancellationToken cancellationToken)
    {
        var hash = ApiTokenSecrets.Hash(token);
        var row = await Db.ApiTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        return row is null || row.RevokedAt is not null
            ? null
            : new StoredCredential(row.Id, row.AccountId, row.LastUsedAt ?? DateTimeOffset.MinValue, row.ExpiresAt, ApiTokenScopes.Split(row.Scopes));
    }

    protected override Task TouchAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken) =>
        Db.ApiTokens.Where(t => t.Id == id).ExecuteUpdateAsync(set => set.SetProperty(t => t.LastUsedAt, now), cancellationToken);
}
