using Latchkey.Core.Tokens;
using Latchkey.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Latchkey.Api.Tokens;

/// <summary>
/// Personal API tokens: the signed-in account's own (<c>/tokens</c>), and staff's view of another account's
/// (<c>/accounts/{id}/tokens</c>, checked by the role boundaries). A token never creates tokens (<see cref="ApiScopeGate"/>).
/// </summary>
internal static class TokensEndpoints
{
    public static RouteGroupBuilder MapTokensEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/tokens", CreateAsync).Problems(400).WithSummary("Create a personal API token; the token is in this answer only. Refused to Bearer requests.");
        api.MapGet("/tokens", ListAsync).WithSummary("The signed-in account's live API tokens (never the secret).");
        api.MapDelete("/tokens/{id:guid}", RevokeAsync).Problems(404).WithSummary("Revoke one of your API tokens; refused on its next request on every node.");
        api.MapGet("/accounts/{id:guid}/tokens", ListForAccountAsync).Problems(404).WithSummary("An account's live API tokens (staff who may view the account).");
        api.MapDelete("/accounts/{id:guid}/tokens/{tokenId:guid}", RevokeForAccountAsync).Problems(404).WithSummary("Revoke one of an account's API tokens (staff who may end its sessions).");
        return api;
    }

    internal static async Task<Results<Created<CreatedTokenResponse>, ProblemHttpResult>> CreateAsync(
        CreateTokenBody body, HttpContext context, CreateApiTokenHandler handler, CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(context);
        var result = await handler.HandleAsync(new CreateApiTokenCommand(session.AccountId, body.Name, body.Scopes, body.ExpiresInDays, session.SessionId), CurrentSession.Audit(context), cancellationToken);
        return result.Succeeded
            ? TypedResults.Created($"/api/v1/tokens/{result.Value.Token.Id}", CreatedTokenResponse.From(result.Value))
            : ApiProblems.Problem(result.Failure);
    }

    internal static async Task<Ok<ItemsResponse<ApiTokenView>>> ListAsync(HttpContext context, ListApiTokensHandler handler, CancellationToken cancellationToken) =>
        List(await handler.HandleAsync(CurrentSession.Required(context).AccountId, cancellationToken));

    internal static Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(Guid id, HttpContext context, RevokeApiTokenHandler handler, CancellationToken cancellationToken) =>
        RevokeForAccountAsync(CurrentSession.Required(context).AccountId, id, context, handler, cancellationToken);

    internal static async Task<Results<Ok<ItemsResponse<ApiTokenView>>, ProblemHttpResult>> ListForAccountAsync(
        Guid id, HttpContext context, ListAccountTokensHandler handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(id, CurrentSession.Actor(context), CurrentSession.Audit(context), cancellationToken);
        return result.Succeeded ? List(result.Value) : ApiProblems.Problem(result.Failure);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> RevokeForAccountAsync(
        Guid id, Guid tokenId, HttpContext context, RevokeApiTokenHandler handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(id, tokenId, CurrentSession.Actor(context), CurrentSession.Audit(context), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.Problem(result.Failure);
    }

    private static Ok<ItemsResponse<ApiTokenView>> List(IReadOnlyList<ApiTokenView> items) => TypedResults.Ok(new ItemsResponse<ApiTokenView>(items, items.Count));
}
