using Latchkey.Core.Data;
using Latchkey.Http;
using Scalar.AspNetCore;

namespace Latchkey.Api;

/// <summary>
/// The API reference page at <c>/api</c> (Scalar, over <c>/openapi/v1.json</c>), for staff only: Operators, Managers
/// and Administrators; anyone else signed in gets 403, an anonymous visitor is sent to <c>/login</c> as on every panel
/// page. Scalar serves its scripts from this app (<c>/api/scalar.js</c>), never a CDN; fonts, telemetry, the agent and
/// MCP are off so the page calls nothing but this origin. Its one inline script carries a fresh nonce
/// (Hosting/SecurityHeaders names it in this answer's <c>script-src</c>). <see cref="ApiPaths.IsReference"/> keeps
/// the page and its assets out of the API's problem-details answers.
/// </summary>
internal static class ApiReference
{
    public static void MapApiReference(this IEndpointRouteBuilder app) =>
        app.MapScalarApiReference(ApiPaths.ReferencePath, options => options
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
