using Latchkey.Core.Accounts;
using Latchkey.Core.Helpdesk;
using Latchkey.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Latchkey.Api.Accounts;

internal static class MeEndpoints
{
    public static RouteGroupBuilder MapMeEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/me", GetMe).WithSummary("The signed-in account.");
        api.MapPut("/me/language", SetLanguageAsync).Problems(400)
            .WithSummary("Choose the language (en, de, fr, ru) of the panel and of the account's e-mails; applies on the next request on every node.");
        return api;
    }

    /// <summary>
    /// Answered from the session's snapshot (account and stale devices), which every change to either invalidates:
    /// no store read on this hot path.
    /// </summary>
    internal static async Task<Results<Ok<AccountView>, ProblemHttpResult>> SetLanguageAsync(
        LanguageBody body,
        HttpContext context,
        SetLanguageHandler handler,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(context);
        var result = await handler.HandleAsync(session.AccountId, body.Language, CurrentSession.Audit(context), cancellationToken);
        return result.Succeeded
            ? TypedResults.Ok(AccountView.From(result.Value, timeProvider.GetUtcNow(), session.StaleDevices))
            : TypedResults.Problem(ApiProblems.Create(result.Failure));
    }

    internal static Ok<AccountView> GetMe(HttpContext context, TimeProvider timeProvider)
    {
        var session = CurrentSession.Required(context);
        return TypedResults.Ok(AccountView.From(session.Account, timeProvider.GetUtcNow(), session.StaleDevices));
    }
}
