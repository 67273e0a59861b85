using Latchkey.Core.Accounts;
using Latchkey.Hosting;

namespace Latchkey.Api.Accounts;

internal static class MeEndpoints
{
    public static RouteGroupBuilder MapMeEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/me", GetMe).WithSummary("The signed-in account.");
        return api;
    }

    /// <summary>Answered from the session's account snapshot, which every account change invalidates: no store read.</summary>
    internal static IResult GetMe(HttpContext context, TimeProvider timeProvider) =>
        TypedResults.Ok(AccountView.From(CurrentSession.Required(context).Account, timeProvider.GetUtcNow()));
}
