using Latchkey.Core.Common;
using Latchkey.Core.TwoFactor;

namespace Latchkey.Http;

/// <summary>
/// Pages ask for the step-up in place: a sensitive form carries an optional <c>stepUpCode</c> field (shown once the
/// action answered <see cref="ErrorCodes.StepUpRequired"/>), checked here before the action is repeated. Six digits
/// are an authenticator code; anything else is tried as a recovery code.
/// </summary>
internal static class StepUpForm
{
    public const string Field = "stepUpCode";

    /// <summary>Null when no code was sent or it was accepted; else the refusal to show beside the field.</summary>
    public static async Task<Failure?> VerifyAsync(HttpContext context, string? input, VerifyStepUpHandler handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var session = CurrentSession.Required(context);
        var code = TotpCodes.Normalize(input);
        var result = await handler.HandleAsync(session.AccountId, session.SessionId, code, code is null ? input.Trim() : null, CurrentSession.Audit(context), cancellationToken);
        return result.Succeeded ? null : result.Failure;
    }
}
