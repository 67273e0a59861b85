using System.Text.Json;
using Latchkey.Core.Common;
using Latchkey.Core.Helpdesk;
using Latchkey.Core.Lockout;
using Latchkey.Core.Sessions;
using Latchkey.Core.SignIn;
using Latchkey.Core.TwoFactor;
using Latchkey.Http;
using Microsoft.Extensions.Options;

namespace Latchkey.Api.TwoFactor;

/// <summary>
/// The WebAuthn ceremonies: options are answered as the JSON the browser's <c>navigator.credentials</c> call takes
/// (binary fields base64url), and the browser's answer comes back in the next call. Any node can finish a ceremony
/// another began (they are kept in the store).
/// </summary>
internal static class PasskeyEndpoints
{
    public static RouteGroupBuilder MapPasskeyEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/me/passkeys/options", RegistrationOptionsAsync).WithSummary("Begin adding a passkey: creation options for navigator.credentials.create (step-up when a factor exists).");
        api.MapPost("/me/passkeys", AddAsync).WithSummary("Finish adding a passkey {name, credential}; the first factor answers 10 recovery codes, once.");
        api.MapDelete("/me/passkeys/{id:guid}", RemoveAsync).WithSummary("Remove a passkey (step-up).");
        api.MapPatch("/me/passkeys/{id:guid}", RenameAsync).Produces<PasskeyView>().Problems(404)
            .WithSummary("Rename a passkey {name} (trimmed, 1-64 characters).");
        api.MapPost("/me/step-up/passkey/options", StepUpOptionsAsync).Produces<JsonElement>(contentType: "application/json").Problems(404)
            .WithSummary("Step-up with a passkey: assertion options for navigator.credentials.get (this account's passkeys, user verification required).");
        api.MapPost("/me/step-up/passkey", StepUpAsync).Produces(StatusCodes.Status204NoContent).Problems(409)
            .WithSummary("Step-up with a passkey {credential}: confirms the second factor for the next sensitive actions (Latchkey:TwoFactor:StepUpWindow).");
        api.MapPost("/session/two-factor/passkey/options", SecondFactorOptionsAsync).AllowAnonymous()
            .WithSummary("Second step of sign-in with a passkey: assertion options for the account of {challenge}.");
        api.MapPost("/session/two-factor/passkey", SecondFactorAsync).AllowAnonymous()
            .WithSummary("Second step of sign-in with a passkey {challenge, credential}; sets the session cookie.");
        api.MapPost("/session/passkey/options", PasswordlessOptionsAsync).AllowAnonymous()
            .WithSummary("Passwordless sign-in: assertion options (discoverable passkey, user verification required). Limited per client address.");
        api.MapPost("/session/passkey", PasswordlessAsync).AllowAnonymous()
            .WithSummary("Passwordless sign-in {credential}; sets the session cookie. Limited per client address.");
        return api;
    }

    internal static async Task<IResult> RegistrationOptionsAsync(HttpContext context, BeginPasskeyRegistrationHandler handler, CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(context);
        var result = await handler.HandleAsync(session.AccountId, session.SessionId, cancellationToken);
        return result.Succeeded ? TypedResults.Text(result.Value, "application/json") : ApiProblems.Result(result.Failure);
    }

    internal static async Task<IResult> AddAsync(AddPasskeyBody? body, HttpContext context, FinishPasskeyRegistrationHandler handler, CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(context);
        var result = await handler.HandleAsync(session.AccountId, session.SessionId, body?.Name, body?.Credential, CurrentSession.Audit(context), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(new RecoveryCodesView(result.Value.RecoveryCodes)) : ApiProblems.Result(result.Failure);
    }

    internal static async Task<IResult> RemoveAsync(Guid id, HttpContext context, RemovePasskeyHandler handler, CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(context);
        var result = await handler.HandleAsync(session.AccountId, session.SessionId, id, CurrentSession.Audit(context), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.Result(result.Failure);
    }

    internal static async Task<IResult> RenameAsync(Guid id, RenamePasskeyBody? body, HttpContext context, RenamePasskeyHandler handler, CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(context);
        var result = await handler.HandleAsync(session.AccountId, id, body?.Name, CurrentSession.Audit(context), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(result.Value) : ApiProblems.Result(result.Failure);
    }

    internal static async Task<IResult> StepUpOptionsAsync(HttpContext context, BeginPasskeyStepUpHandler handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(CurrentSession.Required(context).AccountId, cancellationToken);
        return result.Succeeded ? TypedResults.Text(result.Value, "application/json") : ApiProblems.Result(result.Failure);
    }

    internal static async Task<IResult> StepUpAsync(PasskeyStepUpBody? body, HttpContext context, VerifyPasskeyStepUpHandler handler, CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(context);
        var result = await handler.HandleAsync(session.AccountId, session.SessionId, body?.Credential, CurrentSession.Audit(context), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.Result(result.Failure);
    }

    internal static async Task<IResult> SecondFactorOptionsAsync(PasskeyOptionsBody? body, PasskeySignInHandler handler, CancellationToken cancellationToken)
    {
        var result = await handler.BeginSecondFactorAsync(body?.Challenge, cancellationToken);
        return result.Succeeded ? TypedResults.Text(result.Value, "application/json") : ApiProblems.Result(result.Failure);
    }

    internal static async Task<IResult> SecondFactorAsync(
        PasskeySignInBody? body,
        HttpContext context,
        PasskeySignInHandler handler,
        IOptions<LatchkeySessionOptions> options,
        IOptions<LockoutOptions> lockoutOptions,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var result = await handler.FinishSecondFactorAsync(body?.Challenge, body?.Credential, RequestInfo.Ip(context), RequestInfo.UserAgent(context), DeviceCookie.Read(context), cancellationToken);
        return SignedInAnswer(context, result, options.Value, lockoutOptions.Value, timeProvider);
    }

    internal static async Task<IResult> PasswordlessOptionsAsync(HttpContext context, PasskeySignInHandler handler, IOptions<LockoutOptions> lockoutOptions, CancellationToken cancellationToken)
    {
        var result = await handler.BeginPasswordlessAsync(RequestInfo.Ip(context), cancellationToken);
        if (result.Succeeded)
        {
            return TypedResults.Text(result.Value, "application/json");
        }

        DeviceCookie.RetryAfter(context, lockoutOptions.Value);
        return ApiProblems.Result(result.Failure);
    }

    internal static async Task<IResult> PasswordlessAsync(
        PasskeySignInBody? body,
        HttpContext context,
        PasskeySignInHandler handler,
        IOptions<LatchkeySessionOptions> options,
        IOptions<LockoutOptions> lockoutOptions,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var result = await handler.FinishPasswordlessAsync(body?.Credential, RequestInfo.Ip(context), RequestInfo.UserAgent(context), DeviceCookie.Read(context), cancellationToken);
        return SignedInAnswer(context, result, options.Value, lockoutOptions.Value, timeProvider);
    }

    private static IResult SignedInAnswer(HttpContext context, Result<SignedIn> result, LatchkeySessionOptions options, LockoutOptions lockoutOptions, TimeProvider timeProvider)
    {
        if (!result.Succeeded)
        {
            if (result.Failure.Code == ErrorCodes.RateLimited)
            {
                DeviceCookie.RetryAfter(context, lockoutOptions);
            }

            return ApiProblems.Result(result.Failure);
        }

        SessionCookie.Append(context, options, result.Value);
        DeviceCookie.Append(context, lockoutOptions, result.Value);
        return TypedResults.Ok(AccountView.From(result.Value.Account, timeProvider.GetUtcNow()));
    }
}
