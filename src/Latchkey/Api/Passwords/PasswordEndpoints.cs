using Latchkey.Core.Common;
using Latchkey.Core.Passwords;
using Latchkey.Core.Sessions;
using Latchkey.Http;
using Microsoft.Extensions.Options;

namespace Latchkey.Api.Passwords;

internal static class PasswordEndpoints
{
    public static RouteGroupBuilder MapPasswordEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/me/password", ChangeAsync).Produces(StatusCodes.Status204NoContent).Problems(409, 429)
            .WithSummary("Change the signed-in account's password; ends every other session (and this one with signOutEverywhere).");
        api.MapGet("/password-policy", GetPolicyAsync).AllowAnonymous().Produces<PasswordPolicyView>()
            .WithSummary("The password rules in force for an address, with ids and texts.");
        api.MapPost("/passwords/check", CheckAsync).AllowAnonymous().Produces<PasswordCheck>()
            .WithSummary("Live feedback: which rules a password meets, and its strength. Nothing is stored or logged.");
        api.MapPost("/passwords/generate", GenerateAsync).AllowAnonymous().Produces<GeneratedPasswordResponse>()
            .WithSummary("A random password that meets the policy of the address's domain (default: the signed-in account's; with token, the reset link's account's).");
        api.MapPost("/password-resets", RequestResetAsync).AllowAnonymous().Produces(StatusCodes.Status202Accepted)
            .WithSummary("Forgot password: e-mails a single-use link if the address has an account. Always 202.");
        api.MapPost("/password-resets/confirm", ConfirmResetAsync).AllowAnonymous().Produces(StatusCodes.Status204NoContent).Problems(409, 429)
            .WithSummary("Set a new password with the link's token; ends every session.");
        return api;
    }

    /// <summary>Answers before any work (<see cref="PasswordResetRequests"/>): the same 202 at the same speed for every address.</summary>
    internal static async Task<IResult> RequestResetAsync(PasswordResetBody body, HttpContext context, PasswordResetRequests queue, CancellationToken cancellationToken)
    {
        await queue.EnqueueAsync(body.Email, CurrentSession.Audit(context), cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    internal static async Task<IResult> ConfirmResetAsync(ConfirmPasswordResetBody body, HttpContext context, ConfirmPasswordResetHandler handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(body.Token, body.NewPassword, body.ConfirmPassword, CurrentSession.Audit(context), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.Result(result.Failure);
    }

    internal static async Task<IResult> ChangeAsync(
        ChangePasswordBody body,
        HttpContext context,
        ChangePasswordHandler handler,
        IOptions<LatchkeySessionOptions> options,
        CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(context);
        var result = await handler.HandleAsync(
            new ChangePasswordCommand(session.AccountId, session.SessionId, body.CurrentPassword ?? "", body.NewPassword ?? "", body.ConfirmPassword ?? "", body.SignOutEverywhere, body.RevokeAppPasswords, body.RevokeApiTokens),
            CurrentSession.Audit(context),
            cancellationToken);
        if (!result.Succeeded)
        {
            return ApiProblems.Result(result.Failure);
        }

        if (body.SignOutEverywhere)
        {
            SessionCookie.Delete(context, options.Value);
        }

        return TypedResults.NoContent();
    }

    internal static async Task<IResult> GetPolicyAsync(string? email, HttpContext context, PasswordPolicyProvider policies, CancellationToken cancellationToken)
    {
        var address = string.IsNullOrWhiteSpace(email) ? CurrentSession.Get(context)?.Email : email;
        var policy = await policies.ForEmailAsync(address, cancellationToken);
        return TypedResults.Ok(PasswordPolicyView.From(policy));
    }

    internal static async Task<IResult> CheckAsync(CheckPasswordBody body, HttpContext context, CheckPasswordHandler handler, CancellationToken cancellationToken)
    {
        if (body.Password is null)
        {
            return ApiProblems.Result(Failure.Field(ErrorCodes.Validation, "password", "Give the password to check."));
        }

        if (RequestValidation.PasswordTooLong("password", body.Password) is { } tooLong)
        {
            return ApiProblems.Result(tooLong);
        }

        var email = string.IsNullOrWhiteSpace(body.Email) ? CurrentSession.Get(context)?.Email : body.Email;
        return TypedResults.Ok(await handler.HandleAsync(body.Password, email, cancellationToken));
    }

    internal static async Task<IResult> GenerateAsync(
        GeneratePasswordBody? body,
        HttpContext context,
        GeneratePasswordHandler handler,
        PasswordPolicyProvider policies,
        CancellationToken cancellationToken)
    {
        if (body?.Length is < 8 or > 128)
        {
            return ApiProblems.Result(Failure.Field(ErrorCodes.Validation, "length", "The length must be between 8 and 128."));
        }

        var email = string.IsNullOrWhiteSpace(body?.Email) ? CurrentSession.Get(context)?.Email : body.Email;
        if (!string.IsNullOrEmpty(body?.Token))
        {
            // The reset form: the password must suit the link's account (its domain policy, its user name).
            email = PasswordResetTokens.TryDecode(body.Token, out var accountId, out _) ? await policies.EmailOfAccountAsync(accountId, cancellationToken) : null;
            if (email is null)
            {
                return ApiProblems.Result(Failure.Field(ErrorCodes.Validation, ConfirmPasswordResetHandler.TokenField, "This reset link is invalid, has expired or has been used. Ask for a new one."));
            }
        }

        return TypedResults.Ok(new GeneratedPasswordResponse(await handler.HandleAsync(email, body?.Length, cancellationToken)));
    }
}
