using Latchkey.Core.Common;
using Latchkey.Http;

namespace Latchkey.Hosting;

/// <summary>
/// While the domain's policy requires a second factor the account lacks (its grace used up), pages lead straight
/// to the set-up on <c>/account/security</c> and every API call except the few needed to set one up answers 403
/// <see cref="ErrorCodes.TwoFactorSetupRequired"/>, as <see cref="PasswordChangeGate"/> does for passwords.
/// </summary>
internal static class TwoFactorSetupGate
{
    private static readonly string[] _allowedPaths =
    [
        "/account/security", "/logout", "/api/v1/me", "/api/v1/session", "/api/v1/me/two-factor",
        "/api/v1/me/two-factor/totp", "/api/v1/me/two-factor/totp/confirm",
    ];

    public static async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        if (CurrentSession.Get(context) is not { Account.TwoFactorSetupRequired: true, Account.TwoFactorEnabled: false }
            || _allowedPaths.Any(p => context.Request.Path.Equals(p, StringComparison.OrdinalIgnoreCase))
            || context.Request.Path.StartsWithSegments("/css", StringComparison.Ordinal)
            || context.Request.Path.StartsWithSegments("/js", StringComparison.Ordinal))
        {
            await next();
            return;
        }

        if (ApiPaths.IsApi(context.Request.Path))
        {
            await ApiProblems.Write(context, new Failure(ErrorCodes.TwoFactorSetupRequired, "Set up a second factor first (your domain requires one)."));
            return;
        }

        context.Response.Redirect("/account/security?setup=required");
    }
}
