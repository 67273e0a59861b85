using Latchkey.Core.Accounts;
using Latchkey.Core.Lockout;
using Latchkey.Hosting;

namespace Latchkey.Api.Accounts;

internal static class MeEndpoints
{
    public static RouteGroupBuilder MapMeEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/me", GetMeAsync).WithSummary("The signed-in account.");
        return api;
    }

    /// <summary>
    /// Answered from the session's account snapshot, which every account change (a lock, an unlock) invalidates,
    /// plus the stale devices, read here as they change with every mail login that uses the previous password.
    /// </summary>
    internal static async Task<IResult> GetMeAsync(HttpContext context, StaleDevices staleDevices, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(context);
        var stale = await staleDevices.ListAsync(session.AccountId, cancellationToken);
        return TypedResults.Ok(AccountView.From(session.Account, timeProvider.GetUtcNow(), stale));
    }
}
