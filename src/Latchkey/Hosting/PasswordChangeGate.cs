using Latchkey.Core.Common;
using Latchkey.Http;

namespace Latchkey.Hosting;

/// <summary>
/// While an account must change its password (set by an admin reset), pages lead straight to
/// <c>/account/password</c> and every API call except the few needed to change it answers 403
/// <see cref="ErrorCodes.PasswordChangeRequired"/>.
/// </summary>
internal static class PasswordChangeGate
{
    private static readonly string[] _allowedPaths =
    [
        "/account/password", "/logout", "/api/v1/me", "/api/v1/me/password", "/api/v1/session",
        "/api/v1/password-policy", "/api/v1/passwords/check", "/api/v1/passwords/generate",
    ];

    public static async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        if (CurrentSession.Get(context) is not { MustChangePassword: true }
            || _allowedPaths.Any(p => context.Request.Path.Equals(p, StringComparison.OrdinalIgnoreCase))
            || context.Request.Path.StartsWithSegments("/css", StringComparison.Ordinal)
            || context.Request.Path.StartsWithSegments("/js", StringComparison.Ordinal))
        {
            await next();
            return;
        }

        if (ApiPaths.IsApi(context.Request.Path))
        {
            await ApiProblems.Write(context, new Failure(ErrorCodes.PasswordChangeRequired, "Change your password first (an administrator requires it)."));
            return;
        }

        context.Response.Redirect("/account/password?required=true");
    }
}
