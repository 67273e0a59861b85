using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Oidc;
using Latchkey.Hosting;
using Latchkey.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Latchkey.Web.Tests.Oidc;

/// <summary>
/// Key rotation on a clock moved forward: the successor is published before it signs, signs once the current key's
/// lifetime ends, and the old key leaves the JWKS once every token it can have signed has expired.
/// </summary>
public sealed class OidcKeyRotationTests(OidcKeyRotationTests.Factory factory) : IClassFixture<OidcKeyRotationTests.Factory>
{
    private const string Password = "Valid-Pass1";
    private const string RedirectUri = "http://127.0.0.1:9/signin-oidc";

    [Fact]
    public async Task Rotation_SuccessorPublishedFirstThenSigns_OldKeyRetiredAfterItsTokensExpire()
    {
        using var anonymous = factory.CreateClient();
        var rotation = factory.Services.GetRequiredService<OidcKeyRotation>();
        await rotation.RefreshAsync();
        var first = await KeyIdsAsync(anonymous);
        first.Count.ShouldBe(1);
        var keyA = first[0];
        (await IdTokenKeyIdAsync()).ShouldBe(keyA);

        // 22 h into a 1-day lifetime (under a tenth of it left): the successor is published, the current key still signs.
        factory.Clock.Shift = TimeSpan.FromHours(22);
        await rotation.RefreshAsync();
        var published = await KeyIdsAsync(anonymous);
        published.Count.ShouldBe(2);
        published.ShouldContain(keyA);
        var keyB = published.Single(k => k != keyA);
        var signedByA = await IdTokenAsync();
        signedByA.Kid.ShouldBe(keyA);

        // 25 h: the successor signs; the old key stays published, and a token it signed still validates.
        factory.Clock.Shift = TimeSpan.FromHours(25);
        await rotation.RefreshAsync();
        (await IdTokenKeyIdAsync()).ShouldBe(keyB);
        (await KeyIdsAsync(anonymous)).ShouldBe([keyA, keyB], ignoreOrder: true);
        var jwks = new JsonWebKeySet(await anonymous.GetStringAsync("/.well-known/jwks"));
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(signedByA.EncodedToken, new TokenValidationParameters
        {
            ValidIssuer = OidcWebFactory.Issuer,
            ValidateAudience = false,
            ValidateLifetime = false,
            IssuerSigningKeys = jwks.GetSigningKeys(),
        });
        validation.IsValid.ShouldBeTrue(validation.Exception?.Message);

        // The old key ended at 24 h; its longest token (refresh, 10 min here) plus an hour later it is gone.
        factory.Clock.Shift = TimeSpan.FromHours(24) + TimeSpan.FromMinutes(81);
        await rotation.RefreshAsync();
        (await KeyIdsAsync(anonymous)).ShouldBe([keyB]);
        (await IdTokenKeyIdAsync()).ShouldBe(keyB);
    }

    private static async Task<List<string>> KeyIdsAsync(HttpClient client)
    {
        var jwks = await client.GetFromJsonAsync<JsonElement>("/.well-known/jwks");
        return [.. jwks.GetProperty("keys").EnumerateArray().Where(k => k.GetProperty("use").GetString() == "sig").Select(k => k.GetProperty("kid").GetString()!)];
    }

    private async Task<string> IdTokenKeyIdAsync() => (await IdTokenAsync()).Kid;

    /// <summary>A whole code flow for a new account at the current (moved) time; the ID token it ends with.</summary>
    private async Task<JsonWebToken> IdTokenAsync()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        await using var scope = factory.Services.CreateAsyncScope();
        var registered = (await scope.ServiceProvider.GetRequiredService<RegisterClientHandler>()
            .HandleAsync(new RegisterClientCommand("Rotation app", [RedirectUri], null, null, true), Actor.Console, AuditContext.Cli)).Value!;
        using var browser = await factory.SignedInClientAsync(account.Email!, Password);
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = await browser.GetAsync($"/connect/authorize?client_id={registered.ClientId}&redirect_uri={Uri.EscapeDataString(RedirectUri)}"
            + $"&response_type=code&scope=openid&state=s&code_challenge={challenge}&code_challenge_method=S256");
        authorize.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var rp = factory.CreateClient();
        var response = await rp.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = QueryHelpers.ParseQuery(authorize.Headers.Location!.Query)["code"].ToString(),
            ["redirect_uri"] = RedirectUri,
            ["code_verifier"] = verifier,
            ["client_id"] = registered.ClientId,
            ["client_secret"] = registered.ClientSecret,
        }));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToString());
        return new JsonWebToken(body.GetProperty("id_token").GetString());
    }

    /// <summary>The OpenID Connect host on a clock the test moves forward, keys living a day, refresh tokens 10 min.</summary>
    public sealed class Factory : OidcWebFactory
    {
        public Factory()
        {
            Settings["Latchkey:Oidc:KeyLifetime"] = "1.00:00:00";
            Settings["Latchkey:Oidc:RefreshTokenLifetime"] = "00:10:00";
            Settings["Latchkey:Oidc:KeyCheckInterval"] = "1.00:00:00";
        }

        public ShiftedClock Clock { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        }
    }

    /// <summary>The system clock moved forward by <see cref="Shift"/>; timers stay on the real clock.</summary>
    public sealed class ShiftedClock : TimeProvider
    {
        public TimeSpan Shift { get; set; }

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Shift;
    }
}
