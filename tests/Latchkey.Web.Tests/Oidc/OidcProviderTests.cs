using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Latchkey.Core.Oidc;
using Latchkey.Tests.Infrastructure;
using Latchkey.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Xunit.Abstractions;

namespace Latchkey.Web.Tests.Oidc;

/// <summary>The provider end to end over HTTP: code + PKCE, claims, refresh rotation and reuse, logout everywhere.</summary>
[Collection(TimedAlone.Name)]
public sealed class OidcProviderTests(OidcWebFactory factory, ITestOutputHelper output) : IClassFixture<OidcWebFactory>
{
    private const string Password = "Valid-Pass1";
    private const string RedirectUri = "http://127.0.0.1:9/signin-oidc";

    [Fact]
    public async Task Discovery_CodeFlowWithS256Only_EndSessionAndJwks()
    {
        using var client = factory.CreateClient();

        var discovery = await client.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");

        discovery.GetProperty("issuer").GetString().ShouldBe(OidcWebFactory.Issuer);
        discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(m => m.GetString()).ShouldBe(["S256"]);
        discovery.GetProperty("response_types_supported").EnumerateArray().Select(m => m.GetString()).ShouldBe(["code"]);
        discovery.GetProperty("end_session_endpoint").GetString().ShouldEndWith("/connect/logout");
        discovery.GetProperty("backchannel_logout_supported").GetBoolean().ShouldBeTrue();
        discovery.GetProperty("backchannel_logout_session_supported").GetBoolean().ShouldBeTrue();
        var jwks = await client.GetFromJsonAsync<JsonElement>(new Uri(discovery.GetProperty("jwks_uri").GetString()!).PathAndQuery);
        jwks.GetProperty("keys").GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task CodeFlow_IdTokenCarriesTheAccountsClaims()
    {
        var (account, registered, browser) = await SetUpAsync(Role.Operator, "example.org");

        var tokens = await SignInThroughAsync(browser, registered);

        var idToken = new JsonWebToken(tokens.GetProperty("id_token").GetString());
        idToken.Subject.ShouldBe(account.Id.ToString());
        idToken.GetClaim("email").Value.ShouldBe(account.Email);
        idToken.GetClaim("email_verified").Value.ShouldBe("true");
        idToken.GetClaim("name").Value.ShouldBe(account.Email);
        idToken.Claims.Where(c => c.Type == "roles").Select(c => c.Value).ShouldContain("Operator:example.org");
        idToken.Issuer.ShouldBe(OidcWebFactory.Issuer);
    }

    [Fact]
    public async Task Authorize_PlainPkceOrNoPkce_Refused()
    {
        var (_, registered, browser) = await SetUpAsync();

        var plain = await browser.GetAsync(AuthorizeUrl(registered.ClientId, "verifier-verifier-verifier-verifier-verifier", "plain"));
        var none = await browser.GetAsync($"/connect/authorize?client_id={registered.ClientId}&redirect_uri={Uri.EscapeDataString(RedirectUri)}&response_type=code&scope=openid&state=s");

        Describe(plain).ShouldNotContain("code=");
        Describe(none).ShouldNotContain("code=");
    }

    [Fact]
    public async Task Refresh_RotatesAndAReusedTokenRevokesTheGrant()
    {
        var (_, registered, browser) = await SetUpAsync();
        var first = (await SignInThroughAsync(browser, registered)).GetProperty("refresh_token").GetString()!;
        using var rp = factory.CreateClient();

        var second = await RefreshAsync(rp, registered, first);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        var secondToken = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refresh_token").GetString()!;
        secondToken.ShouldNotBe(first);

        (await RefreshAsync(rp, registered, first)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await RefreshAsync(rp, registered, secondToken)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task LogOutOfAllDevices_RefreshRefusedAndSignedLogoutTokenDeliveredWithinASecond()
    {
        await using var receiver = await LogoutReceiver.StartAsync();
        var first = await LogOutEverywhereAsync(receiver, "first logout of this process");
        receiver.Received.Clear();
        var (account, registered, browser) = await SetUpAsync(backchannel: receiver.Url);
        var refresh = (await SignInThroughAsync(browser, registered)).GetProperty("refresh_token").GetString()!;
        using var rp = factory.CreateClient();

        var revokedAt = receiver.Clock.Elapsed;
        (await browser.PostAsJsonAsync("/api/v1/me/sessions/revoke-all", new { includeCurrent = true })).EnsureSuccessStatusCode();
        while (receiver.Received.IsEmpty && receiver.Clock.Elapsed - revokedAt < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(10);
        }

        receiver.Received.TryPeek(out var received).ShouldBeTrue("no logout token within 5 s");
        var delay = received.At - revokedAt;
        output.WriteLine($"Back-channel logout token received {delay.TotalMilliseconds:F0} ms after the revocation request started (the process's first: {first.TotalMilliseconds:F0} ms).");
        Console.WriteLine($"Back-channel logout delivery: {delay.TotalMilliseconds:F0} ms (first of the process: {first.TotalMilliseconds:F0} ms)");
        delay.ShouldBeLessThan(TimeSpan.FromSeconds(1));
        (await RefreshAsync(rp, registered, refresh)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var jwks = new JsonWebKeySet(await rp.GetStringAsync("/.well-known/jwks"));
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(received.Token, new TokenValidationParameters
        {
            ValidIssuer = OidcWebFactory.Issuer,
            ValidAudience = registered.ClientId,
            IssuerSigningKeys = jwks.GetSigningKeys(),
        });
        validation.IsValid.ShouldBeTrue(validation.Exception?.Message);
        var token = (JsonWebToken)validation.SecurityToken;
        token.Subject.ShouldBe(account.Id.ToString());
        token.GetClaim("events").Value.ShouldContain(DeliverLogoutTokensHandler.BackchannelLogoutEvent);
        token.TryGetClaim("nonce", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task LogoutToken_CarriesTheSidOfEachSessionsIdToken_KeptThroughRefresh()
    {
        await using var receiver = await LogoutReceiver.StartAsync();
        var (account, registered, browser) = await SetUpAsync(backchannel: receiver.Url);
        using var otherBrowser = await factory.SignedInClientAsync(account.Email!, Password);
        var tokens = await SignInThroughAsync(browser, registered);
        var otherTokens = await SignInThroughAsync(otherBrowser, registered);
        var sid = new JsonWebToken(tokens.GetProperty("id_token").GetString()).GetClaim("sid").Value;
        var otherSid = new JsonWebToken(otherTokens.GetProperty("id_token").GetString()).GetClaim("sid").Value;
        using var rp = factory.CreateClient();
        var refreshed = await (await RefreshAsync(rp, registered, tokens.GetProperty("refresh_token").GetString()!)).Content.ReadFromJsonAsync<JsonElement>();
        var sessions = await browser.GetFromJsonAsync<JsonElement>("/api/v1/me/sessions");
        var current = sessions.GetProperty("items").EnumerateArray().Single(s => s.GetProperty("current").GetBoolean()).GetProperty("id").GetString();

        (await browser.PostAsJsonAsync("/api/v1/me/sessions/revoke-all", new { includeCurrent = true })).EnsureSuccessStatusCode();
        var deadline = receiver.Clock.Elapsed + TimeSpan.FromSeconds(5);
        while (receiver.Received.Count < 2 && receiver.Clock.Elapsed < deadline)
        {
            await Task.Delay(10);
        }

        sid.ShouldBe(current, "the ID token's sid is the Latchkey session that signed in");
        otherSid.ShouldNotBe(sid);
        new JsonWebToken(refreshed.GetProperty("id_token").GetString()).GetClaim("sid").Value.ShouldBe(sid);
        var logoutSids = receiver.Received.Select(r => new JsonWebToken(r.Token)).Select(t => (t.Subject, Sid: t.GetClaim("sid").Value)).ToList();
        logoutSids.ShouldBe([(account.Id.ToString(), sid), (account.Id.ToString(), otherSid)], ignoreOrder: true);
    }

    [Fact]
    public async Task Lock_RevokesTheRefreshTokenAndSendsALogoutToken()
    {
        await using var receiver = await LogoutReceiver.StartAsync();
        var (account, registered, browser) = await SetUpAsync(backchannel: receiver.Url);
        var refresh = (await SignInThroughAsync(browser, registered)).GetProperty("refresh_token").GetString()!;
        using var rp = factory.CreateClient();

        var locked = false;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var lockout = scope.ServiceProvider.GetRequiredService<Core.Lockout.FailureCounter>();
            for (var i = 0; i < 10 && !locked; i++)
            {
                locked = await lockout.RecordFailureAsync(new Core.Lockout.FailedLogin(account.Id, account.Email!, "192.0.2.7", "imap", $"{i:x3}"));
            }
        }

        locked.ShouldBeTrue("ten distinct failures did not lock the account");
        var deadline = receiver.Clock.Elapsed + TimeSpan.FromSeconds(5);
        while (receiver.Received.IsEmpty && receiver.Clock.Elapsed < deadline)
        {
            await Task.Delay(10);
        }

        receiver.Received.TryPeek(out var received).ShouldBeTrue("no logout token within 5 s of the lock");
        new JsonWebToken(received.Token).Subject.ShouldBe(account.Id.ToString());
        (await RefreshAsync(rp, registered, refresh)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task SignInPageOfAnAuthorizationRequest_FormActionNamesOnlyTheRegisteredRedirectOrigin()
    {
        var (_, registered, _) = await SetUpAsync();
        using var anonymous = factory.CreateClient();
        var (_, challenge) = Pkce();

        var forRegistered = await anonymous.GetAsync("/login?returnUrl=" + Uri.EscapeDataString(AuthorizeUrl(registered.ClientId, challenge, "S256")));
        var forOther = await anonymous.GetAsync("/login?returnUrl=" + Uri.EscapeDataString(AuthorizeUrl(registered.ClientId, challenge, "S256").Replace(Uri.EscapeDataString("127.0.0.1:9"), "attacker.example", StringComparison.Ordinal)));
        var plain = await anonymous.GetAsync("/login");

        forRegistered.Headers.GetValues("Content-Security-Policy").Single().ShouldEndWith("form-action 'self' http://127.0.0.1:9");
        forOther.Headers.GetValues("Content-Security-Policy").Single().ShouldEndWith("form-action 'self'");
        plain.Headers.GetValues("Content-Security-Policy").Single().ShouldEndWith("form-action 'self'");
    }

    [Fact]
    public async Task ConsentForAThirdPartyClient_ShownThenRemembered()
    {
        var (_, registered, browser) = await SetUpAsync(firstParty: false);
        var (_, challenge) = Pkce();

        var consent = await browser.GetAsync(AuthorizeUrl(registered.ClientId, challenge, "S256"));
        consent.StatusCode.ShouldBe(HttpStatusCode.OK);
        consent.Headers.GetValues("Content-Security-Policy").Single().ShouldEndWith("form-action 'self' http://127.0.0.1:9");
        var page = await Infrastructure.HtmlForms.ParseAsync(consent);
        page.QuerySelector("#consent-scopes").ShouldNotBeNull();
        var accepted = await Infrastructure.HtmlForms.SubmitAsync(browser, page, new Dictionary<string, string>(), "form[action*='handler=Accept']");
        Describe(accepted).ShouldContain("code=");

        var again = await browser.GetAsync(AuthorizeUrl(registered.ClientId, challenge, "S256"));
        Describe(again).ShouldContain("code=");
    }

    [Fact]
    public async Task RegisterClient_ByANonAdministrator_ForbiddenAndBadRedirectRefused()
    {
        var user = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        await using var scope = factory.Services.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetRequiredService<RegisterClientHandler>();

        var byUser = await handler.HandleAsync(new RegisterClientCommand("App", [RedirectUri], null, null, true), new Actor(user.Id, user.Email!, [new RoleAssignment { Role = Role.User }]), AuditContext.Cli);
        var badUri = await handler.HandleAsync(new RegisterClientCommand("App", ["http://app.example.com/cb"], null, null, true), Actor.Console, AuditContext.Cli);

        byUser.Failure!.Code.ShouldBe("forbidden");
        badUri.Failure!.Code.ShouldBe("validation");
    }

    /// <summary>A whole sign-in and logout, so the measured one runs on a warm process (a live client), as in service.</summary>
    private async Task<TimeSpan> LogOutEverywhereAsync(LogoutReceiver receiver, string why)
    {
        var (_, registered, browser) = await SetUpAsync(backchannel: receiver.Url);
        await SignInThroughAsync(browser, registered);
        var started = receiver.Clock.Elapsed;
        (await browser.PostAsJsonAsync("/api/v1/me/sessions/revoke-all", new { includeCurrent = true })).EnsureSuccessStatusCode();
        while (receiver.Received.IsEmpty && receiver.Clock.Elapsed - started < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10);
        }

        receiver.Received.IsEmpty.ShouldBeFalse($"no logout token for the {why}");
        return receiver.Received.First().At - started;
    }

    private async Task<(Account Account, RegisteredClient Client, HttpClient Browser)> SetUpAsync(Role role = Role.User, string? domain = null, string? backchannel = null, bool firstParty = true)
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password, role, domain);
        await using var scope = factory.Services.CreateAsyncScope();
        var registered = await scope.ServiceProvider.GetRequiredService<RegisterClientHandler>()
            .HandleAsync(new RegisterClientCommand("Test app", [RedirectUri], null, backchannel, firstParty), Actor.Console, AuditContext.Cli);
        Assert.True(registered.Succeeded, registered.Failure?.Message);
        return (account, registered.Value!, await factory.SignedInClientAsync(account.Email!, Password));
    }

    private async Task<JsonElement> SignInThroughAsync(HttpClient browser, RegisteredClient registered)
    {
        var (verifier, challenge) = Pkce();
        var authorize = await browser.GetAsync(AuthorizeUrl(registered.ClientId, challenge, "S256"));
        authorize.StatusCode.ShouldBe(HttpStatusCode.Redirect, Describe(authorize));
        var query = QueryHelpers.ParseQuery(authorize.Headers.Location!.Query);
        query["state"].ToString().ShouldBe("xyz");
        using var rp = factory.CreateClient();
        var response = await rp.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = query["code"].ToString(),
            ["redirect_uri"] = RedirectUri,
            ["code_verifier"] = verifier,
            ["client_id"] = registered.ClientId,
            ["client_secret"] = registered.ClientSecret,
        }));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToString());
        return body;
    }

    private static Task<HttpResponseMessage> RefreshAsync(HttpClient rp, RegisteredClient registered, string refreshToken) =>
        rp.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = registered.ClientId,
            ["client_secret"] = registered.ClientSecret,
        }));

    private static string AuthorizeUrl(string clientId, string challenge, string method) =>
        $"/connect/authorize?client_id={clientId}&redirect_uri={Uri.EscapeDataString(RedirectUri)}&response_type=code"
        + $"&scope={Uri.EscapeDataString("openid email profile roles offline_access")}&state=xyz&code_challenge={challenge}&code_challenge_method={method}";

    private static (string Verifier, string Challenge) Pkce()
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    private static string Describe(HttpResponseMessage response) => $"{(int)response.StatusCode} {response.Headers.Location}";
}
