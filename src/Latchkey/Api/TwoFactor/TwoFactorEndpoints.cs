using Latchkey.Core.Helpdesk;
using Latchkey.Core.Lockout;
using Latchkey.Core.Sessions;
using Latchkey.Core.TwoFactor;
using Latchkey.Http;
using Microsoft.Extensions.Options;

namespace Latchkey.Api.TwoFactor;

internal static class TwoFactorEndpoints
{
    public static RouteGroupBuilder MapTwoFactorEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/session/two-factor", CompleteSignInAsync).AllowAnonymous().Produces<AccountView>().Problems(401, 423, 429)
            .WithSummary("Second step of sign-in: {challenge, code | recoveryCode}; sets the session cookie.");
        api.MapGet("/me/two-factor", StatusAsync).Produces<TwoFactorView>().WithSummary("The signed-in account's second factors (never a secret).");
        api.MapPost("/me/two-factor/totp", SetUpTotpAsync).Produces<TotpSetupView>().Problems(409).WithSummary("Start setting up an authenticator app: the key and otpauth URI (step-up when a factor exists).");
        api.MapPost("/me/two-factor/totp/confirm", ConfirmTotpAsync).Produces<RecoveryCodesView>().Problems(404, 409).WithSummary("Turn the authenticator app on with its first code; the first factor answers 10 recovery codes, once.");
        api.MapDelete("/me/two-factor/totp", RemoveTotpAsync).Produces(StatusCodes.Status204NoContent).Problems(404).WithSummary("Remove the authenticator app (step-up).");
        api.MapPost("/me/two-factor/recovery-codes", RegenerateAsync).Produces<RecoveryCodesView>().Problems(404, 409).WithSummary("Replace every recovery code with 10 new ones, answered once (step-up).");
        api.MapPost("/me/step-up", StepUpAsync).Produces(StatusCodes.Status204NoContent).Problems(404, 409, 423, 429).WithSummary("Confirm the second factor for the next sensitive actions (Latchkey:TwoFactor:StepUpWindow).");
        api.MapPost("/accounts/{id:guid}/two-factor/reset", ResetAsync).Produces(StatusCodes.Status204NoContent).Problems(404).WithSummary("Helpdesk: remove every second factor of an account and end its sessions.");
        api.MapGet("/domains/{name}/two-factor-policy", GetPolicyAsync).Produces<TwoFactorDomainPolicy>().Problems(404).WithSummary("Who in the domain must have a second factor, the grace, and whether mail needs app passwords.");
        api.MapPut("/domains/{name}/two-factor-policy", SetPolicyAsync).Produces<TwoFactorDomainPolicy>().Problems(404).WithSummary("Set the domain's second-factor policy (Managers of the domain, Administrators).");
        return api;
    }

    internal static async Task<IResult> GetPolicyAsync(string name, HttpContext context, GetTwoFactorPolicyHandler handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(name, CurrentSession.Actor(context), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(result.Value) : ApiProblems.Result(result.Failure);
    }

    internal static async Task<IResult> SetPolicyAsync(string name, TwoFactorPolicyBody? body, HttpContext context, SetTwoFactorPolicyHandler handler, CancellationToken cancellationToken)
    {
        var policy = new TwoFactorDomainPolicy(name, body?.Require ?? "", body?.GraceSignIns ?? 0, body?.MailNeedsAppPassword ?? true);
        var result = await handler.HandleAsync(policy, CurrentSession.Actor(context), CurrentSession.Audit(context), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(result.Value) : ApiProblems.Result(result.Failure);
    }

    internal static async Task<IResult> CompleteSignInAsync(
        CompleteSignInBody? body,
        HttpContext context,
        CompleteTwoFactorSignInHandler handler,
        IOptions<LatchkeySessionOptions> options,
        IOptions<LockoutOptions> lockoutOptions,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        if (RequestValidation.Required(("challenge", body?.Challenge)) is { } missing)
        {
            return ApiProblems.Result(missing);
        }

        var result = await handler.HandleAsync(body!.Challenge, body.Code, body.RecoveryCode, RequestInfo.Ip(context), RequestInfo.UserAgent(context), DeviceCookie.Read(context), cancellationToken);
        if (!result.Succeeded)
        {
            return ApiProblems.Result(result.Failure);
        }

        SessionCookie.Append(context, options.Value, result.Value);
        DeviceCookie.Append(context, lockoutOptions.Value, result.Value);
        return TypedResults.Ok(AccountView.From(result.Value.Account, timeProvider.GetUtcNow()));
    }

    internal static async Task<IResult> StatusAsync(HttpContext context, GetTwoFactorStatusHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(TwoFactorView.From(await handler.HandleAsync(CurrentSession.Required(context).AccountId, cancellationToken)));

    internal static async Task<IResult> SetUpTotpAsync(HttpContext context, SetUpTotpHandler handler, CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(context);
        var result = await handler.HandleAsync(session.AccountId, session.SessionId, cancellationToken);
        return result.Succeeded ? TypedResults.Ok(new TotpSetupView(result.Value.GroupedKey.Replace(" ", "", StringComparison.Ordinal), result.Value.KeyUri)) : ApiProblems.Result(result.Failure);
    }

    internal static async Task<IResult> ConfirmTotpAsync(SecondFactorBody? body, HttpContext context, ConfirmTotpHandler handler, CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(context);
        var result = await handler.HandleAsync(session.AccountId, session.SessionId, body?.Code, CurrentSession.Audit(context), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(new RecoveryCodesView(result.Value.RecoveryCodes)) : ApiProblems.Result(result.Failure);
    }

    internal static async Task<IResult> RemoveTotpAsync(HttpContext context, RemoveTotpHandler handler, CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(context);
        var result = await handler.HandleAsync(session.AccountId, session.SessionId, CurrentSession.Audit(context), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.Result(result.Failure);
    }

    internal static async Task<IResult> RegenerateAsync(HttpContext context, RegenerateRecoveryCodesHandler handler, CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(context);
        var result = await handler.HandleAsync(session.AccountId, session.SessionId, CurrentSession.Audit(context), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(new RecoveryCodesView(result.Value)) : ApiProblems.Result(result.Failure);
    }

    internal static async Task<IResult> StepUpAsync(SecondFactorBody? body, HttpContext context, VerifyStepUpHandler handler, CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(context);
        var result = await handler.HandleAsync(session.AccountId, session.SessionId, body?.Code, body?.RecoveryCode, CurrentSession.Audit(context), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.Result(result.Failure);
    }

    internal static async Task<IResult> ResetAsync(Guid id, HttpContext context, ResetSecondFactorHandler handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(id, CurrentSession.Actor(context), CurrentSession.Audit(context), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.Result(result.Failure);
    }
}
