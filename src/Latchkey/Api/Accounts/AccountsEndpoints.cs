using Latchkey.Api.Passwords;
using Latchkey.Api.Sessions;
using Latchkey.Api.TwoFactor;
using Latchkey.Core.Access;
using Latchkey.Core.Accounts;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Helpdesk;
using Latchkey.Core.Passwords;
using Latchkey.Core.TwoFactor;
using Latchkey.Http;

namespace Latchkey.Api.Accounts;

/// <summary>
/// The helpdesk API: every call passes the signed-in actor to its Core handler, which decides with
/// <see cref="AccessPolicy"/>; the endpoints only map the refusal.
/// </summary>
internal static class AccountsEndpoints
{
    public static RouteGroupBuilder MapAccountsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/accounts", ListAsync).Produces<ItemsResponse<AccountView>>().Problems(400).WithSummary("Accounts in the domains you manage; filters domain, q, locked, disabled, mustChange, secondFactor, page.");
        api.MapPost("/accounts", CreateAsync).Produces<CreatedAccountResponse>(StatusCodes.Status201Created).Problems(409).WithSummary("Create an account (Manager and up, in their domains).");
        api.MapGet("/accounts/{id:guid}", GetAsync).Produces<AccountDetailsView>().Problems(404).WithSummary("One account with its sessions and recent sign-in failures.");
        api.MapPost("/accounts/{id:guid}/password", ResetAsync).Produces<GeneratedPasswordResponse>().Produces(StatusCodes.Status204NoContent).Problems(404, 409, 429).WithSummary("Set a new password without the old one; answers the generated password once.");
        api.MapPost("/accounts/{id:guid}/roles", (Guid id, RoleBody body, HttpContext context, ChangeRoleHandler handler, TimeProvider timeProvider, CancellationToken cancellationToken) =>
            ChangeRoleAsync(id, body, true, context, handler, timeProvider, cancellationToken)).Produces<AccountView>().Problems(404).WithSummary("Grant a role (never above your own).");
        api.MapDelete("/accounts/{id:guid}/roles", (Guid id, string? role, string? domain, HttpContext context, ChangeRoleHandler handler, TimeProvider timeProvider, CancellationToken cancellationToken) =>
            ChangeRoleAsync(id, new RoleBody(role, domain), false, context, handler, timeProvider, cancellationToken)).Produces<AccountView>().Problems(400, 404).WithSummary("Remove a role (?role=&domain=).");
        api.MapPost("/accounts/{id:guid}/sessions/revoke-all", RevokeSessionsAsync).Produces<EndedSessionsResponse>().Problems(404).WithSummary("Log the account out of all devices.");
        api.MapPost("/accounts/{id:guid}/disable", (Guid id, HttpContext context, SetAccountDisabledHandler handler, CancellationToken cancellationToken) =>
            SetDisabledAsync(id, true, context, handler, cancellationToken)).Produces(StatusCodes.Status204NoContent).Problems(404).WithSummary("Disable the account; its sessions end.");
        api.MapPost("/accounts/{id:guid}/enable", (Guid id, HttpContext context, SetAccountDisabledHandler handler, CancellationToken cancellationToken) =>
            SetDisabledAsync(id, false, context, handler, cancellationToken)).Produces(StatusCodes.Status204NoContent).Problems(404).WithSummary("Enable the account again.");
        return api;
    }

    internal static async Task<IResult> ListAsync(
        HttpContext context, ListAccountsHandler handler, string? domain, string? q, bool? locked, bool? disabled, bool? mustChange, int? page, bool? secondFactor, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(new ListAccountsQuery(domain, q, locked, page ?? 1, 50, disabled, mustChange, secondFactor), CurrentSession.Actor(context), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(new ItemsResponse<AccountView>(result.Value.Items, result.Value.Total)) : ApiProblems.Result(result.Failure);
    }

    internal static async Task<IResult> CreateAsync(CreateAccountBody body, HttpContext context, CreateAccountHandler handler, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<Role>(body.Role, ignoreCase: true, out var role) || !Enum.IsDefined(role))
        {
            return ApiProblems.Result(Failure.Field(ErrorCodes.Validation, "role", "The role must be User, Operator, Manager or Administrator."));
        }

        if (body.Password is { } password && RequestValidation.PasswordTooLong("password", password) is { } tooLong)
        {
            return ApiProblems.Result(tooLong);
        }

        var result = await handler.HandleAsync(
            new CreateAccountCommand(body.Email ?? "", role, body.Domain, body.Mailbox, body.Password, body.Generate, body.PanelAccess),
            CurrentSession.Actor(context), CurrentSession.Audit(context), cancellationToken);
        return result.Succeeded
            ? TypedResults.Created($"/api/v1/accounts/{result.Value.Account.Id}", new CreatedAccountResponse(AccountView.From(result.Value.Account, timeProvider.GetUtcNow()), result.Value.GeneratedPassword))
            : ApiProblems.Result(result.Failure);
    }

    internal static async Task<IResult> GetAsync(Guid id, HttpContext context, GetAccountDetailsHandler handler, GetTwoFactorStatusHandler twoFactor, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(id, CurrentSession.Actor(context), cancellationToken);
        return result.Succeeded
            ? TypedResults.Ok(AccountDetailsView.From(result.Value, TwoFactorView.From(await twoFactor.HandleAsync(id, cancellationToken))))
            : ApiProblems.Result(result.Failure);
    }

    internal static async Task<IResult> ResetAsync(Guid id, ResetPasswordBody body, HttpContext context, SetPasswordByAdminHandler handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(
            new SetPasswordByAdminCommand(id, string.IsNullOrEmpty(body.NewPassword) ? null : body.NewPassword, body.Generate, body.RequireChange, body.SignOutEverywhere),
            CurrentSession.Actor(context), CurrentSession.Audit(context), cancellationToken);
        if (!result.Succeeded)
        {
            return ApiProblems.Result(result.Failure);
        }

        return result.Value.GeneratedPassword is { } generated ? TypedResults.Ok(new GeneratedPasswordResponse(generated)) : TypedResults.NoContent();
    }

    internal static async Task<IResult> RevokeSessionsAsync(Guid id, HttpContext context, RevokeAllSessionsHandler handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(id, null, CurrentSession.Actor(context), CurrentSession.Audit(context), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(new EndedSessionsResponse(result.Value)) : ApiProblems.Result(result.Failure);
    }

    private static async Task<IResult> ChangeRoleAsync(Guid id, RoleBody body, bool grant, HttpContext context, ChangeRoleHandler handler, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<Role>(body.Role, ignoreCase: true, out var role) || !Enum.IsDefined(role))
        {
            return ApiProblems.Result(Failure.Field(ErrorCodes.Validation, "role", "The role must be User, Operator, Manager or Administrator."));
        }

        var result = await handler.HandleAsync(id, role, body.Domain, grant, CurrentSession.Actor(context), CurrentSession.Audit(context), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(AccountView.From(result.Value, timeProvider.GetUtcNow())) : ApiProblems.Result(result.Failure);
    }

    private static async Task<IResult> SetDisabledAsync(Guid id, bool disabled, HttpContext context, SetAccountDisabledHandler handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(id, disabled, CurrentSession.Actor(context), CurrentSession.Audit(context), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.Result(result.Failure);
    }
}
