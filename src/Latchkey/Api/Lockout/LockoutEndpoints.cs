using Latchkey.Core.Helpdesk;
using Latchkey.Core.Lockout;
using Latchkey.Http;

namespace Latchkey.Api.Lockout;

internal static class LockoutEndpoints
{
    public static RouteGroupBuilder MapLockoutEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/accounts/{id:guid}/unlock", UnlockAsync).Produces<Unlocked>().Problems(404)
            .WithSummary("Unlock the account: its next web, IMAP or SMTP login is checked afresh and the failure counters start over.");
        api.MapGet("/accounts/{id:guid}/lockout", GetAsync).Produces<LockoutView>().Problems(404)
            .WithSummary("The account's lock, its recent failed logins and the devices still using its previous password.");
        return api;
    }

    internal static async Task<IResult> UnlockAsync(Guid id, HttpContext context, UnlockAccountHandler handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(id, CurrentSession.Actor(context), CurrentSession.Audit(context), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(result.Value) : ApiProblems.Result(result.Failure);
    }

    internal static async Task<IResult> GetAsync(Guid id, HttpContext context, GetLockoutHandler handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(id, CurrentSession.Actor(context), CurrentSession.Audit(context), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(result.Value) : ApiProblems.Result(result.Failure);
    }
}
