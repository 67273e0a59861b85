using Latchkey.Core.Data;
using Scalar.AspNetCore;

namespace Latchkey.Api;

/// <summary>
/// The API reference page at <c>/api</c> (Scalar, over <c>/openapi/v1.json</c>), for staff only: Operators, Managers
/// and Administrators; anyone else signed in gets 403, an anonymous visitor is sent to <c>/login</c> as on every panel
/// page. Scalar serves its scripts from this app (<c>/api/scalar.js</c>), never a CDN; fonts, telemetry, the agent and
/// MCP are off so the page calls nothing but this origin. Its one inline script carries a fresh nonce
/// (<see cref="Hosting.SecurityHeaders"/> names it in this answer's <c>script-src</c>).
/// </summary>
internal static class ApiReference
{
    public const string Path = "/api";

    private static readonly string[] _ownPaths = [Path, Path + "/", Path + "/scalar.js", Path + "/scalar.aspnetcore.js"];

    /// <summary>The page and its assets are panel pages, not API answers (a redirect to /login, HTML errors).</summary>
    public static bool Owns(PathString path) => path.HasValue && _ownPaths.Contains(path.Value, StringComparer.OrdinalIgnoreCase);

    public static void MapApiReference(this IEndpointRouteBuilder app) =>
        app.MapScalarApiReference(Path, options => options
                .WithTitle("Latchkey API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .AddDocument("v1")
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .WithNonce())
            .RequireAuthorization(policy => policy.RequireRole(nameof(Role.Operator), nameof(Role.Manager), nameof(Role.Administrator)));
}
