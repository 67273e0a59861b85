using System.Security.Claims;
using System.Text.Encodings.Web;
using Latchkey.Core.Common;
using Latchkey.Core.Sessions;
using Latchkey.Core.Tokens;
using Latchkey.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Latchkey.Hosting;

/// <summary>
/// Authenticates a request by its session cookie, or (API requests only) by <c>Authorization: Bearer</c> with a
/// personal API token, against this node's session cache (which every revocation empties when it commits, on every
/// node) or else the store, so a revoked session or token is refused on its very next request. A Bearer header that
/// does not name a live token fails the request even when a cookie is present. API requests are answered 401/403
/// problem details; page requests are sent to <c>/login</c>.
/// </summary>
internal sealed class SessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    SessionCache cache,
    TimeProvider timeProvider,
    IOptions<LatchkeySessionOptions> sessionOptions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "LatchkeySession";
    public const string SessionIdClaim = "sid";
    public const string ScopeClaim = "scope";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // Most requests are answered by the node's cache with no scoped service built; the rest go to the handlers.
        AuthenticatedSession? session;
        if (ApiPaths.IsApi(Request.Path) && BearerToken(Request) is { } bearer)
        {
            session = ValidateApiTokenHandler.FromCache(cache, bearer, timeProvider.GetUtcNow(), sessionOptions.Value)
                ?? await Context.RequestServices.GetRequiredService<ValidateApiTokenHandler>().HandleAsync(bearer, Context.RequestAborted);
            if (session is null)
            {
                return AuthenticateResult.Fail("The token is unknown, revoked or expired.");
            }
        }
        else
        {
            var token = Request.Cookies[sessionOptions.Value.CookieName];
            if (string.IsNullOrEmpty(token))
            {
                return AuthenticateResult.NoResult();
            }

            session = ValidateSessionHandler.FromCache(cache, token, timeProvider.GetUtcNow(), sessionOptions.Value)
                ?? await Context.RequestServices.GetRequiredService<ValidateSessionHandler>().HandleAsync(token, Context.RequestAborted);
            if (session is null)
            {
                return AuthenticateResult.Fail("The session has ended.");
            }
        }

        Context.Features.Set(session);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, session.AccountId.ToString()),
            new(ClaimTypes.Name, session.Email),
            new(ClaimTypes.Email, session.Email),
            new(SessionIdClaim, session.SessionId.ToString()),
        };
        claims.AddRange(session.Roles.Select(r => new Claim(ClaimTypes.Role, r.Role.ToString())));
        claims.AddRange((session.Scopes ?? []).Select(scope => new Claim(ScopeClaim, scope)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (ApiPaths.IsApi(Request.Path))
        {
            if (BearerToken(Request) is not null)
            {
                Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                await ApiProblems.Write(Context, new Failure(ErrorCodes.Unauthorized, "The API token is unknown, revoked or expired."));
                return;
            }

            await ApiProblems.Write(Context, new Failure(ErrorCodes.Unauthorized, "Sign in first: no valid session."));
            return;
        }

        var returnUrl = Request.PathBase + Request.Path + Request.QueryString;
        Response.Redirect("/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        if (ApiPaths.IsApi(Request.Path))
        {
            await ApiProblems.Write(Context, new Failure(ErrorCodes.Forbidden, "Your role does not allow this."));
            return;
        }

        Response.StatusCode = StatusCodes.Status403Forbidden;
    }

    /// <summary>The token of an <c>Authorization: Bearer</c> header, or null when there is none.</summary>
    public static string? BearerToken(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }
}
