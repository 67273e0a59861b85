using Latchkey.Core.Data;
using Latchkey.Core.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Latchkey.Core.Oidc;

/// <summary>
/// One pass over the owed back-channel logout tokens, the way <see cref="DeliverDueMessagesHandler"/> drains the
/// e-mail outbox: claim due rows with a lease (<c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL, so two nodes never hold
/// the same row), sign a logout token with the provider's current key, POST it as <c>logout_token</c> to the client,
/// mark it sent on 2xx, else retry after the outbox's backoff. Logs name the client and status only, never the token.
/// </summary>
public sealed class DeliverLogoutTokensHandler(
    LatchkeyDbContext db,
    OidcKeyRing keys,
    IHttpClientFactory http,
    IOptions<OidcOptions> options,
    IOptions<LatchkeyOptions> latchkey,
    IOptions<OutboxOptions> outbox,
    TimeProvider timeProvider,
    ILogger<DeliverLogoutTokensHandler> logger)
{
    public const string HttpClientName = "latchkey-oidc-logout";
    public const string BackchannelLogoutEvent = "http://schemas.openid.net/event/backchannel-logout";

    public string Issuer => OidcIssuer.From(options.Value, latchkey.Value);

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

        var signing = (await keys.KeysAsync(OidcKey.Signing, cancellationToken))[0];
        foreach (var delivery in claimed)
        {
            await SendAsync(delivery, token, signing, cancellationToken);
        }

        return claimed.Count;
    }

    /// <summary>
    /// Runs the sending path once without sending (the current key, a token, the HTTP client), so the first logout
    /// token after a start is not slowed by first-use costs.
    /// </summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken = default)
    {
        var signing = (await keys.KeysAsync(OidcKey.Signing, cancellationToken))[0];
        _ = CreateLogoutToken(new LogoutDelivery { Id = Guid.NewGuid(), ClientId = "warm-up", Subject = "warm-up", Uri = "http://127.0.0.1/" }, signing);
        using var client = http.CreateClient(HttpClientName);
    }

    /// <summary>
    /// The logout token: iss, aud, iat, exp (2 min), jti, sub, sid (the session the client's ID tokens named, when the
    /// grant has one) and the back-channel logout event; no nonce.
    /// </summary>
    public string CreateLogoutToken(LogoutDelivery delivery, SecurityKey signing)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = delivery.Subject,
            ["jti"] = delivery.Id.ToString("N"),
            ["events"] = new Dictionary<string, object> { [BackchannelLogoutEvent] = new Dictionary<string, object>() },
        };
        if (delivery.SessionId is { } sid)
        {
            claims[OidcIdentity.SessionIdClaim] = sid;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = delivery.ClientId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(2),
            TokenType = "logout+jwt",
            SigningCredentials = new SigningCredentials(signing, SecurityAlgorithms.RsaSha256),
            Claims = claims,
        });
    }

    private async Task SendAsync(LogoutDelivery delivery, Guid token, SecurityKey signing, CancellationToken cancellationToken)
    {
        string? error;
        try
        {
            using var client = http.CreateClient(HttpClientName);
            client.Timeout = options.Value.LogoutRequestTimeout;
            using var content = new FormUrlEncodedContent([new KeyValuePair<string, string>("logout_token", CreateLogoutToken(delivery, signing))]);
            using var response = await client.PostAsync(new Uri(delivery.Uri), content, cancellationToken);
            error = response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
#pragma warning disable CA1031 // Whatever the client or network does, the token stays owed and is retried.
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            error = exception.GetType().Name;
        }

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
