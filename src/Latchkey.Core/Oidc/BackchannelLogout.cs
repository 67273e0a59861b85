using Latchkey.Core.Data;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Latchkey.Core.Oidc;

/// <summary>
/// The back-channel logout protocol, for <see cref="DeliverLogoutTokensHandler"/> (which keeps the queue): signs a
/// logout token with the provider's current key and POSTs it to the client as <c>logout_token</c>. A failure of the
/// client or the network is answered, not thrown; the token is never logged.
/// </summary>
public sealed class BackchannelLogout(
    OidcKeyRing keys,
    IHttpClientFactory http,
    IOptions<OidcOptions> options,
    IOptions<LatchkeyOptions> latchkey,
    TimeProvider timeProvider)
{
    public string Issuer => OidcIssuer.From(options.Value, latchkey.Value);

    /// <summary>The provider's current signing key.</summary>
    public async Task<SecurityKey> SigningKeyAsync(CancellationToken cancellationToken) => (await keys.KeysAsync(OidcKey.Signing, cancellationToken))[0];

    /// <summary>
    /// Runs the sending path once without sending (the current key, a token, the HTTP client), so the first logout
    /// token after a start is not slowed by first-use costs.
    /// </summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken = default)
    {
        var signing = await SigningKeyAsync(cancellationToken);
        _ = CreateLogoutToken(new LogoutDelivery { Id = Guid.NewGuid(), ClientId = "warm-up", Subject = "warm-up", Uri = "http://127.0.0.1/" }, signing);
        using var client = http.CreateClient(DeliverLogoutTokensHandler.HttpClientName);
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
            ["events"] = new Dictionary<string, object> { [DeliverLogoutTokensHandler.BackchannelLogoutEvent] = new Dictionary<string, object>() },
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

    /// <summary>Null when the client answered 2xx; else what went wrong (the HTTP status or the exception's type).</summary>
    public async Task<string?> PostAsync(LogoutDelivery delivery, SecurityKey signing, CancellationToken cancellationToken)
    {
        try
        {
            using var client = http.CreateClient(DeliverLogoutTokensHandler.HttpClientName);
            client.Timeout = options.Value.LogoutRequestTimeout;
            using var content = new FormUrlEncodedContent([new KeyValuePair<string, string>("logout_token", CreateLogoutToken(delivery, signing))]);
            using var response = await client.PostAsync(new Uri(delivery.Uri), content, cancellationToken);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
#pragma warning disable CA1031 // Whatever the client or network does, the token stays owed and is retried.
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            return exception.GetType().Name;
        }
    }
}
