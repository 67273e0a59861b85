using Latchkey.Core.Accounts;
using Latchkey.Core.Common;
using Latchkey.Core.Sessions;
using Latchkey.Http;
using Microsoft.Extensions.Options;

namespace Latchkey.Api.Sessions;

internal static class MySessionsEndpoints
{
    public static RouteGroupBuilder MapMySessionsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/me/sessions", ListAsync).Produces<ItemsResponse<SessionView>>().WithSummary("The signed-in account's live sessions.");
        api.MapDelete("/me/sessions/{id:guid}", DeleteAsync).Produces(StatusCodes.Status204NoContent).Problems(404).WithSummary("End one of the account's sessions.");
        api.MapPost("/me/sessions/revoke-all", RevokeAllAsync).Produces<EndedSessionsResponse>().WithSummary("End every other session, or every session with includeCurrent.");
        return api;
    }

    internal static async Task<IResult> ListAsync(HttpContext context, ListSessionsHandler handler, CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(context);
        var items = await handler.HandleAsync(session.AccountId, session.SessionId, cancellationToken);
        return TypedResults.Ok(new ItemsResponse<SessionView>(items, items.Count));
    }

    internal static async Task<IResult> DeleteAsync(Guid id, HttpContext context, SignOutHandler handler, IOptions<LatchkeySessionOptions> options, CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(context);
        if (!await handler.HandleAsync(session.AccountId, id, CurrentSession.Audit(context), "signed_out_by_user", cancellationToken))
        {
            return ApiProblems.Result(new Failure(ErrorCodes.NotFound, "No such live session of yours."));
        }

        if (id == session.SessionId)
        {
            SessionCookie.Delete(context, options.Value);
        }

        return TypedResults.NoContent();
    }

    internal static async Task<IResult> RevokeAllAsync(RevokeAllBody? body, HttpContext context, RevokeAllSessionsHandler handler, IOptions<LatchkeySessionOptions> options, CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(context);
        var includeCurrent = body?.IncludeCurrent ?? false;
        var ended = await handler.HandleAsync(session.AccountId, includeCurrent ? null : session.SessionId, CurrentSession.Actor(context), CurrentSession.Audit(context), cancellationToken);
        if (!ended.Succeeded)
        {
            return ApiProblems.Result(ended.Failure);
        }

        if (includeCurrent)
        {
            SessionCookie.Delete(context, options.Value);
        }

        return TypedResults.Ok(new EndedSessionsResponse(ended.Value));
    }
}
