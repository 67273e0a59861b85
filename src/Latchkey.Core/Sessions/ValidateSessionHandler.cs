using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Sessions;

/// <summary>
/// Decides whether a cookie's token names a live session: present, not revoked, within its absolute lifetime and
/// idle timeout, of an enabled account with panel access (the shared steps are in <see cref="CredentialCheck"/>).
/// </summary>
public sealed class ValidateSessionHandler(LatchkeyDbContext db, SessionCache cache, IStaleDeviceSource staleDevices, TimeProvider timeProvider, IOptions<LatchkeySessionOptions> options)
    : CredentialCheck(db, cache, staleDevices, timeProvider, options)
{
    protected override bool IdlesOut => true;

    /// <summary>The cache's answer alone, for the hot path; null means "ask <see cref="CredentialCheck.HandleAsync"/>".</summary>
    public static AuthenticatedSession? FromCache(SessionCache cache, string? token, DateTimeOffset now, LatchkeySessionOptions settings) =>
        SessionTokens.LooksValid(token) ? FromCache(cache, token!, idlesOut: true, now, settings) : null;

    protected override bool LooksValid(string? token) => SessionTokens.LooksValid(token);

    protected override async Task<StoredCredential?> FindAsync(string token, CancellationToken cancellationToken)
    {
        var hash = SessionTokens.Hash(token);
        var session = await Db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.TokenHash == hash, cancellationToken);
        return session is null || session.RevokedAt is not null
            ? null
            : new StoredCredential(session.Id, session.AccountId, session.LastSeenAt, session.ExpiresAt, Scopes: null);
    }

    protected override Task TouchAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken) =>
        Db.Sessions.Where(s => s.Id == id).ExecuteUpdateAsync(set => set.SetProperty(s => s.LastSeenAt, now), cancellationToken);
}
