using Latchkey.Api.Accounts;
using Latchkey.Api.Audit;
using Latchkey.Api.Domains;
using Latchkey.Api.Dovecot;
using Latchkey.Api.Lockout;
using Latchkey.Api.Mailboxes;
using Latchkey.Api.Passwords;
using Latchkey.Api.Sessions;
using Latchkey.Api.Tokens;
using Latchkey.Api.TwoFactor;

namespace Latchkey.Api;

internal static class ApiEndpoints
{
    /// <summary>Maps <c>/api/v1</c>: every endpoint requires a session unless it says AllowAnonymous.</summary>
    public static void MapLatchkeyApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization().WithTags("Latchkey").DeclareCommonProblems();
        api.MapSessionEndpoints();
        api.MapMySessionsEndpoints();
        api.MapMeEndpoints();
        api.MapPasswordEndpoints();
        api.MapAccountsEndpoints();
        api.MapDomainsEndpoints();
        api.MapAuditEndpoints();
        api.MapLockoutEndpoints();
        api.MapAppPasswordEndpoints();
        api.MapTwoFactorEndpoints();
        api.MapPasskeyEndpoints();
        api.MapTokensEndpoints();
        app.MapDovecotPolicyEndpoints();
    }
}
