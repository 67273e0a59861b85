using Latchkey.Core.Common;
using Latchkey.Core.Helpdesk;
using Latchkey.Core.Lockout;
using Latchkey.Core.Sessions;
using Latchkey.Core.SignIn;
using Latchkey.Core.TwoFactor;
using Latchkey.Http;
using Microsoft.Extensions.Options;

namespace Latchkey.Api.Sessions;

internal static class SessionEndpoints
{
    public static RouteGroupBuilder MapSessionEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/session", SignInAsync).AllowAnonymous().Produces<AccountView>().Problems(401, 423, 429)
            .WithSummary("Sign in with e-mail and password; sets the session cookie.");
        api.MapDelete("/session", SignOutAsync).Produces(StatusCodes.Status204NoContent)
            .WithSummary("Sign out this session.");
        return api;
    }

    internal static async Task<IResult> SignInAsync(
        SignInBody body,
        HttpContext context,
        SignInHandler handler,
        CompleteTwoFactorSignInHandler twoFactor,
        IOptions<LatchkeySessionOptions> options,
        IOptions<LockoutOptions> lockoutOptions,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        if (RequestValidation.Required(("email", body.Email), ("password", body.Password)) is { } missing)
        {
            return ApiProblems.Result(missing);
        }

        if (RequestValidation.PasswordTooLong("password", body.Password!) is { } tooLong)
        {
            return ApiProblems.Result(tooLong);
        }

        var result = await handler.HandleAsync(
            new SignInRequest(body.Email!, body.Password!, RequestInfo.Ip(context), RequestInfo.UserAgent(context), DeviceCookie.Read(context)), cancellationToken);
        if (result.Failure is { Code: ErrorCodes.TwoFactorRequired, Extensions: { } challenge } && !string.IsNullOrWhiteSpace(body.Code))
        {
            result = await twoFactor.HandleAsync((string)challenge["challenge"], body.Code, null, RequestInfo.Ip(context), RequestInfo.UserAgent(context), DeviceCookie.Read(context), cancellationToken);
        }

        if (!result.Succeeded)
        {
            if (result.Failure.Code == ErrorCodes.RateLimited)
            {
                DeviceCookie.RetryAfter(context, lockoutOptions.Value);
            }

            return ApiProblems.Result(result.Failure);
        }

        SessionCookie.Append(context, options.Value, result.Value);
        DeviceCookie.Append(context, lockoutOptions.Value, result.Value);
        return TypedResults.Ok(AccountView.From(result.Value.Account, timeProvider.GetUtcNow()));
    }

    internal static async Task<IResult> SignOutAsync(
        HttpContext context,
        SignOutHandler handler,
        IOptions<LatchkeySessionOptions> options,
        CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(context);
        await handler.HandleAsync(session.AccountId, session.SessionId, CurrentSession.Audit(context), cancellationToken: cancellationToken);
        SessionCookie.Delete(context, options.Value);
        return TypedResults.NoContent();
    }
}
