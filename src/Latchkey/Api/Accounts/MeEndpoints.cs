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

    /// <summary>
    /// Answered from the session's snapshot (account and stale devices), which every change to either invalidates:
    /// no store read on this hot path.
    /// </summary>
    internal static IResult GetMe(HttpContext context, TimeProvider timeProvider)
    {
        var session = CurrentSession.Required(context);
        return TypedResults.Ok(AccountView.From(session.Account, timeProvider.GetUtcNow(), session.StaleDevices));
    }
}
