using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Latchkey.Browser.Tests.Oidc;

/// <summary>
/// A small web app that signs its users in through Latchkey with ASP.NET Core's own OpenID Connect handler, on
/// 127.0.0.1 at <see cref="Port"/>: <c>/</c> needs a signed-in user and lists the ID token's claims;
/// <c>/backchannel-logout</c> takes logout tokens, validates them as OpenID Connect Back-Channel Logout 1.0 section 2.6
/// says and ends the user's sessions here by <c>sub</c> (or <c>sid</c>): the cookie handler refuses any session of
/// that user issued before the token came, so the next request goes back to Latchkey's sign-in.
/// docs/oidc.md shows this configuration as the example.
/// </summary>
public sealed class RelyingParty : IAsyncDisposable
{
    public const string BackchannelEvent = "http://schemas.openid.net/event/backchannel-logout";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _loggedOut = new();
    private readonly ConcurrentDictionary<string, byte> _seenTokenIds = new();

    private RelyingParty(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public string RedirectUri => BaseUrl + "/signin-oidc";

    public string PostLogoutRedirectUri => BaseUrl + "/signout-callback-oidc";

    public string BackchannelLogoutUri => BaseUrl + "/backchannel-logout";

    /// <summary>Every accepted logout token's subject, with the <see cref="Clock"/> reading and the time when it came.</summary>
    public ConcurrentQueue<(string Subject, TimeSpan At, DateTimeOffset ReceivedAt)> LogoutsReceived { get; } = new();

    /// <summary>Logout tokens refused (why), for the test to show.</summary>
    public ConcurrentQueue<string> LogoutsRefused { get; } = new();

    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    public static async Task<RelyingParty> StartAsync(int port, string authority, string clientId, string clientSecret)
    {
        RelyingParty? party = null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(options =>
            {
                options.Cookie.Name = "rp.session";
                options.Events.OnValidatePrincipal = context => party!.DropLoggedOutSessionAsync(context);
            })
            .AddOpenIdConnect(options =>
            {
                // The configuration docs/oidc.md shows (Latchkey's address, the client registered for this app).
                options.Authority = authority;
                options.ClientId = clientId;
                options.ClientSecret = clientSecret;
                options.ResponseType = OpenIdConnectResponseType.Code;
                options.ResponseMode = OpenIdConnectResponseMode.Query;
                options.UsePkce = true;
                options.Scope.Clear();
                options.Scope.Add("openid");
                options.Scope.Add("email");
                options.Scope.Add("profile");
                options.Scope.Add("roles");

                options.MapInboundClaims = false;
                options.TokenValidationParameters.NameClaimType = "name";
                options.TokenValidationParameters.RoleClaimType = "roles";
                options.SaveTokens = false;

                // Only because this test runs on plain HTTP at 127.0.0.1: a real app keeps the defaults (HTTPS).
                options.RequireHttpsMetadata = false;
                options.CorrelationCookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
                options.NonceCookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
                options.CorrelationCookie.SameSite = SameSiteMode.Lax;
                options.NonceCookie.SameSite = SameSiteMode.Lax;
            });
        builder.Services.AddAuthorization();
        var app = builder.Build();
        party = new RelyingParty(app, port);
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/", (ClaimsPrincipal user) => Results.Content(ClaimsPage(user), "text/html; charset=utf-8")).RequireAuthorization();
        app.MapPost("/backchannel-logout", (Delegate)party.BackchannelLogoutAsync).DisableAntiforgery();
        await app.StartAsync();
        return party;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static string ClaimsPage(ClaimsPrincipal user)
    {
        var rows = string.Concat(user.Claims.Select(c => $"<tr><th>{HtmlEncoder.Default.Encode(c.Type)}</th><td>{HtmlEncoder.Default.Encode(c.Value)}</td></tr>"));
        return $"<!doctype html><html lang=\"en\"><title>Shop admin</title><h1>Signed in as {HtmlEncoder.Default.Encode(user.Identity?.Name ?? "")}</h1><table id=\"claims\">{rows}</table></html>";
    }

    /// <summary>A session of a user (by sub or sid) whose logout token came after the session began ends here.</summary>
    private Task DropLoggedOutSessionAsync(CookieValidatePrincipalContext context)
    {
        var issued = context.Properties.IssuedUtc ?? DateTimeOffset.MinValue;
        foreach (var key in new[] { "sub:" + context.Principal?.FindFirstValue("sub"), "sid:" + context.Principal?.FindFirstValue("sid") })
        {
            if (_loggedOut.TryGetValue(key, out var at) && issued <= at)
            {
                context.RejectPrincipal();
                return context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Back-Channel Logout 1.0, 2.6: a signed JWT from the issuer for this client, typed logout+jwt, unexpired,
    /// with the logout event, a sub or sid, no nonce, and a jti not seen before; 200 when accepted, else 400.</summary>
    private async Task<IResult> BackchannelLogoutAsync(HttpContext http)
    {
        var at = Clock.Elapsed;
        var receivedAt = DateTimeOffset.UtcNow;
        http.Response.Headers.CacheControl = "no-cache, no-store";
        var form = await http.Request.ReadFormAsync();
        var oidc = http.RequestServices.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OpenIdConnectDefaults.AuthenticationScheme);
        var configuration = await oidc.ConfigurationManager!.GetConfigurationAsync(http.RequestAborted);
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(form["logout_token"].ToString(), new TokenValidationParameters
        {
            ValidIssuer = configuration.Issuer,
            ValidAudience = oidc.ClientId,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidTypes = ["logout+jwt"],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
        });
        var refusal = result.IsValid ? Refusal((JsonWebToken)result.SecurityToken) : result.Exception?.GetType().Name ?? "invalid";
        if (refusal is not null)
        {
            LogoutsRefused.Enqueue(refusal);
            return Results.BadRequest(new { error = "invalid_request", error_description = refusal });
        }

        var token = (JsonWebToken)result.SecurityToken;
        var now = DateTimeOffset.UtcNow;
        if (token.TryGetPayloadValue<string>("sub", out var subject))
        {
            _loggedOut["sub:" + subject] = now;
        }

        if (token.TryGetPayloadValue<string>("sid", out var sid))
        {
            _loggedOut["sid:" + sid] = now;
        }

        LogoutsReceived.Enqueue((subject ?? sid ?? "", at, receivedAt));
        return Results.Ok();
    }

    private string? Refusal(JsonWebToken token)
    {
        if (!token.TryGetPayloadValue<JsonElement>("events", out var events) || events.ValueKind != JsonValueKind.Object
            || !events.TryGetProperty(BackchannelEvent, out var logoutEvent) || logoutEvent.ValueKind != JsonValueKind.Object)
        {
            return "no back-channel logout event";
        }

        if (!token.TryGetPayloadValue<string>("sub", out _) && !token.TryGetPayloadValue<string>("sid", out _))
        {
            return "neither sub nor sid";
        }

        if (token.TryGetPayloadValue<string>("nonce", out _))
        {
            return "a nonce";
        }

        if (!token.TryGetPayloadValue<string>("jti", out var jti) || !_seenTokenIds.TryAdd(jti, 0))
        {
            return "no jti, or one already used";
        }

        return token.TryGetPayloadValue<long>("iat", out _) ? null : "no iat";
    }
}
