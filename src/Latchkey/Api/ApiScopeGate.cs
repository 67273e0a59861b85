using Latchkey.Core.Common;
using Latchkey.Core.Tokens;
using Latchkey.Http;
using Microsoft.AspNetCore.Authorization;

namespace Latchkey.Api;

/// <summary>
/// For a request authenticated by a personal API token: the endpoint's scope must be among the token's, else 403
/// <see cref="ErrorCodes.InsufficientScope"/>. Roles are checked afterwards by the Core handlers exactly as for a
/// cookie, so a token can do what both its scopes and its account's roles allow. Anonymous endpoints need no scope;
/// an endpoint no rule names is refused (deny by default), and a token never creates tokens.
/// </summary>
internal static class ApiScopeGate
{
    public static async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        if (CurrentSession.Get(context) is not { Scopes: { } scopes }
            || context.GetEndpoint() is not { } endpoint
            || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            await next();
            return;
        }

        var pattern = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? "";
        var required = RequiredScope(context.Request.Method, pattern);
        if (required is not null && scopes.Contains(required, StringComparer.Ordinal))
        {
            await next();
            return;
        }

        var message = required is null
            ? "An API token cannot do this; sign in to the panel instead."
            : $"This token lacks the '{required}' scope.";
        await ApiProblems.Write(context, new Failure(ErrorCodes.InsufficientScope, message));
    }

    /// <summary>The scope an API route needs, or null when no token may call it.</summary>
    public static string? RequiredScope(string method, string pattern)
    {
        var path = pattern.TrimStart('/');
        var read = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        return path switch
        {
            _ when path.StartsWith("api/v1/tokens", StringComparison.Ordinal) => HttpMethods.IsPost(method) ? null : ApiTokenScopes.Account,
            "api/v1/me" => ApiTokenScopes.Account,
            _ when path.StartsWith("api/v1/me/", StringComparison.Ordinal) => ApiTokenScopes.Account,
            _ when path.StartsWith("api/v1/audit", StringComparison.Ordinal) => read ? ApiTokenScopes.AuditRead : null,
            _ when path.StartsWith("api/v1/accounts", StringComparison.Ordinal) || path.StartsWith("api/v1/domains", StringComparison.Ordinal)
                => read ? ApiTokenScopes.AccountsRead : ApiTokenScopes.AccountsWrite,
            _ => null,
        };
    }
}
