using Latchkey.Core.Access;
using Latchkey.Core.TwoFactor;
using Latchkey.Http;
using Microsoft.AspNetCore.Mvc;

namespace Latchkey.Pages.Admin;

/// <summary>The account page's second-factor part: which factors it has, <em>Reset second factor</em>, and the in-place step-up for every action here.</summary>
public sealed partial class AccountModel
{
    public TwoFactorStatus? TwoFactor { get; private set; }

    public bool StepUpNeeded { get; private set; }

    public string? StepUpError { get; private set; }

    public async Task<IActionResult> OnPostResetSecondFactorAsync([FromServices] ResetSecondFactorHandler handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(Id, CurrentSession.Actor(HttpContext), CurrentSession.Audit(HttpContext), cancellationToken);
        if (!result.Succeeded)
        {
            return await FailAsync(result.Failure, cancellationToken);
        }

        Message = $"Every second factor of {result.Value.Email} was removed and its sessions ended; the user was e-mailed.";
        return RedirectToPage(new { id = Id });
    }

    /// <summary>Confirms with a code, or (no code) finds the session already confirmed, as after a passkey step-up through the API.</summary>
    public async Task<IActionResult> OnPostStepUpAsync(string? stepUpCode, [FromServices] VerifyStepUpHandler handler, [FromServices] StepUp stepUp, CancellationToken cancellationToken)
    {
        var confirmed = string.IsNullOrWhiteSpace(stepUpCode)
            ? await stepUp.RequireAsync(CurrentSession.Actor(HttpContext), cancellationToken) is null
            : await StepUpForm.VerifyAsync(HttpContext, stepUpCode, handler, cancellationToken) is null;
        if (!confirmed)
        {
            StepUpNeeded = true;
            StepUpError = string.IsNullOrWhiteSpace(stepUpCode) ? "Enter a code." : "The code is not correct.";
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return await RenderAsync(cancellationToken);
        }

        Message = "Confirmed. You can now repeat the action.";
        return RedirectToPage(new { id = Id });
    }
}
