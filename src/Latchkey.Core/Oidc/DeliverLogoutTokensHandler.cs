using Latchkey.Core.Data;
using Latchkey.Core.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Latchkey.Core.Oidc;

/// <summary>
/// One pass over the owed back-channel logout tokens, the way <see cref="DeliverDueMessagesHandler"/> drains the
/// e-mail outbox: claim due rows with a lease (<c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL, so two nodes never hold
/// the same row), sign a logout token and POST it to the client (<see cref="BackchannelLogout"/>), mark it sent on
/// 2xx, else retry after the outbox's backoff. Logs name the client and status only, never the token.
/// </summary>
public sealed class DeliverLogoutTokensHandler(
    LatchkeyDbContext db,
    BackchannelLogout backchannel,
    IOptions<OutboxOptions> outbox,
    TimeProvider timeProvider,
    ILogger<DeliverLogoutTokensHandler> logger)
{
    public const string HttpClientName = "latchkey-oidc-logout";
    public const string BackchannelLogoutEvent = "http://schemas.openid.net/event/backchannel-logout";

    public async Task<int> HandleAsync(CancellationToken cancellationToken = default)
    {
        var token = Guid.NewGuid();
        var now = timeProvider.GetUtcNow();
        var until = now + outbox.Value.ClaimLease;
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync(
                $"""
                UPDATE oidc_logout_deliveries SET "ClaimToken" = {token}, "ClaimedUntil" = {until}
                WHERE "Id" IN (
                    SELECT "Id" FROM oidc_logout_deliveries
                    WHERE "SentAt" IS NULL AND "NextAttemptAt" <= {now} AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" <= {now})
                    ORDER BY "NextAttemptAt" LIMIT 50
                    FOR UPDATE SKIP LOCKED)
                """,
                cancellationToken);
        }
        else
        {
            await db.LogoutDeliveries
                .Where(d => d.SentAt == null && d.NextAttemptAt <= now && (d.ClaimedUntil == null || d.ClaimedUntil <= now))
                .OrderBy(d => d.NextAttemptAt).Take(50)
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.ClaimToken, token).SetProperty(d => d.ClaimedUntil, until), cancellationToken);
        }

        var claimed = await db.LogoutDeliveries.AsNoTracking().Where(d => d.ClaimToken == token).ToListAsync(cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        var signing = await backchannel.SigningKeyAsync(cancellationToken);
        foreach (var delivery in claimed)
        {
            await SendAsync(delivery, token, signing, cancellationToken);
        }

        return claimed.Count;
    }

    private async Task SendAsync(LogoutDelivery delivery, Guid token, SecurityKey signing, CancellationToken cancellationToken)
    {
        var error = await backchannel.PostAsync(delivery, signing, cancellationToken);
        var now = timeProvider.GetUtcNow();
        if (error is null)
        {
            await db.LogoutDeliveries.Where(d => d.Id == delivery.Id && d.ClaimToken == token)
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.SentAt, now).SetProperty(d => d.Attempts, d => d.Attempts + 1)
                    .SetProperty(d => d.LastError, (string?)null).SetProperty(d => d.ClaimToken, (Guid?)null).SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
            OidcLog.LogoutDelivered(logger, delivery.ClientId, delivery.Attempts + 1, (now - delivery.CreatedAt).TotalMilliseconds);
            return;
        }

        var next = now + RetryBackoff.After(delivery.Attempts + 1, outbox.Value, Random.Shared.NextDouble());
        await db.LogoutDeliveries.Where(d => d.Id == delivery.Id && d.ClaimToken == token)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.Attempts, d => d.Attempts + 1).SetProperty(d => d.NextAttemptAt, next)
                .SetProperty(d => d.LastError, error).SetProperty(d => d.ClaimToken, (Guid?)null).SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
        OidcLog.LogoutFailed(logger, delivery.ClientId, delivery.Attempts + 1, error, next);
    }
}
