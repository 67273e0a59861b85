using Latchkey.Core.Common;
using Latchkey.Core.Mailboxes;
using Latchkey.Http;

namespace Latchkey.Api.Mailboxes;

internal static class AppPasswordEndpoints
{
    public static RouteGroupBuilder MapAppPasswordEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/me/app-passwords", ListAsync).Produces<ItemsResponse<AppPasswordView>>().WithSummary("The signed-in account's app passwords for mail clients, with their last use.");
        api.MapPost("/me/app-passwords", CreateAsync).Produces<CreatedAppPasswordResponse>(StatusCodes.Status201Created).Problems(400, 409).WithSummary("Create a named app password (IMAP/SMTP only); the password is in this answer only.");
        api.MapDelete("/me/app-passwords/{id:guid}", RevokeAsync).Produces(StatusCodes.Status204NoContent).Problems(404).WithSummary("Revoke one app password; its next mail login fails.");
        return api;
    }

    internal static async Task<IResult> ListAsync(HttpContext context, ListAppPasswordsHandler handler, CancellationToken cancellationToken)
    {
        var items = await handler.HandleAsync(CurrentSession.Required(context).AccountId, cancellationToken);
        return TypedResults.Ok(new ItemsResponse<AppPasswordView>(items, items.Count));
    }

    internal static async Task<IResult> CreateAsync(CreateAppPasswordBody? body, HttpContext context, CreateAppPasswordHandler handler, CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(context);
        var result = await handler.HandleAsync(session.AccountId, session.SessionId, body?.Name, CurrentSession.Audit(context), cancellationToken);
        if (!result.Succeeded)
        {
            return ApiProblems.Result(result.Failure);
        }

        var created = result.Value.AppPassword;
        return TypedResults.Created(
            $"/api/v1/me/app-passwords/{created.Id}",
            new CreatedAppPasswordResponse(created.Id, created.Name, created.CreatedAt, created.LastUsedAt, result.Value.Password));
    }

    internal static async Task<IResult> RevokeAsync(Guid id, HttpContext context, RevokeAppPasswordHandler handler, CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(context);
        return await handler.HandleAsync(session.AccountId, id, CurrentSession.Audit(context), cancellationToken)
            ? TypedResults.NoContent()
            : ApiProblems.Result(new Failure(ErrorCodes.NotFound, "No such app password of yours."));
    }
}
