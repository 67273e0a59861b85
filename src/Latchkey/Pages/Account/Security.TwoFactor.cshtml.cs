using Latchkey.Core.Common;
using Latchkey.Core.Lockout;
using Latchkey.Core.Mailboxes;
using Latchkey.Core.TwoFactor;
using Latchkey.Http;
using Latchkey.Localization;
using Microsoft.AspNetCore.Mvc;
using QRCoder;

namespace Latchkey.Pages.Account;

/// <summary>
/// The Security page's second-factor part: set up an authenticator app (QR code and grouped key, confirmed with a
/// first code), remove it, and regenerate recovery codes (shown once, downloadable as text). Actions that need a
/// step-up ask for it in place and run when it is given.
/// </summary>
public sealed partial class SecurityModel
{
    public TwoFactorStatus? TwoFactor { get; private set; }

    /// <summary>A set-up in progress, with its QR code as inline SVG; rendered in this answer only.</summary>
    public TotpSetup? TotpSetup { get; private set; }

    public string? TotpQrSvg { get; private set; }

    /// <summary>New recovery codes: in this answer only, never stored in clear or redirected with.</summary>
    public IReadOnlyList<string> NewRecoveryCodes { get; private set; } = [];

    public string? TwoFactorError { get; private set; }

    /// <summary>The page handler waiting for a step-up (its form shows the step-up field), or null.</summary>
    public string? StepUpFor { get; private set; }

    public string? StepUpError { get; private set; }

    public string? PendingAppPasswordName { get; private set; }

    [BindProperty(SupportsGet = true, Name = "setup")]
    public string? Setup { get; set; }

    public string RecoveryCodesDownload =>
        "data:text/plain;charset=utf-8," + Uri.EscapeDataString(
            "Latchkey recovery codes for " + CurrentSession.Required(HttpContext).Email + "\n" +
            "Each code works once. Keep them somewhere safe.\n\n" + string.Join("\n", NewRecoveryCodes) + "\n");

    public async Task<IActionResult> OnPostSetUpTotpAsync(string? stepUpCode, [FromServices] SetUpTotpHandler handler, [FromServices] VerifyStepUpHandler stepUp, CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(HttpContext);
        if (await StepUpFirstAsync("SetUpTotp", stepUpCode, stepUp, cancellationToken))
        {
            var result = await handler.HandleAsync(session.AccountId, session.SessionId, cancellationToken);
            if (result.Succeeded)
            {
                ShowSetup(result.Value);
            }
            else
            {
                Fail(result.Failure, "SetUpTotp");
            }
        }

        return await RenderAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostConfirmTotpAsync(string? code, [FromServices] ConfirmTotpHandler handler, [FromServices] GetPendingTotpSetupHandler pendingSetUp, CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(HttpContext);
        var result = await handler.HandleAsync(session.AccountId, session.SessionId, code, CurrentSession.Audit(HttpContext), cancellationToken);
        if (result.Succeeded)
        {
            NewRecoveryCodes = result.Value.RecoveryCodes;
            Message = "Your authenticator app is on. From now on, signing in asks for a code from it.";
            Setup = null;
        }
        else
        {
            Fail(result.Failure, null);
            if (await pendingSetUp.HandleAsync(session.AccountId, cancellationToken) is { } pending)
            {
                ShowSetup(pending);
            }
        }

        return await RenderAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveTotpAsync(string? stepUpCode, [FromServices] RemoveTotpHandler handler, [FromServices] VerifyStepUpHandler stepUp, CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(HttpContext);
        if (await StepUpFirstAsync("RemoveTotp", stepUpCode, stepUp, cancellationToken))
        {
            var result = await handler.HandleAsync(session.AccountId, session.SessionId, CurrentSession.Audit(HttpContext), cancellationToken);
            if (result.Succeeded)
            {
                Message = "The authenticator app has been removed.";
                return RedirectToPage();
            }

            Fail(result.Failure, "RemoveTotp");
        }

        return await RenderAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRegenerateCodesAsync(string? stepUpCode, [FromServices] RegenerateRecoveryCodesHandler handler, [FromServices] VerifyStepUpHandler stepUp, CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(HttpContext);
        if (await StepUpFirstAsync("RegenerateCodes", stepUpCode, stepUp, cancellationToken))
        {
            var result = await handler.HandleAsync(session.AccountId, session.SessionId, CurrentSession.Audit(HttpContext), cancellationToken);
            if (result.Succeeded)
            {
                NewRecoveryCodes = result.Value;
            }
            else
            {
                Fail(result.Failure, "RegenerateCodes");
            }
        }

        return await RenderAsync(cancellationToken);
    }

    private async Task LoadTwoFactorAsync(CancellationToken cancellationToken)
    {
        TwoFactor = await HttpContext.RequestServices.GetRequiredService<GetTwoFactorStatusHandler>()
            .HandleAsync(CurrentSession.Required(HttpContext).AccountId, cancellationToken);
    }

    /// <summary>Checks a step-up code sent with the form; false (and the field shown again) when it was wrong.</summary>
    private async Task<bool> StepUpFirstAsync(string handler, string? stepUpCode, VerifyStepUpHandler stepUp, CancellationToken cancellationToken)
    {
        if (await StepUpForm.VerifyAsync(HttpContext, stepUpCode, stepUp, cancellationToken) is not { } failed)
        {
            return true;
        }

        StepUpFor = handler;
        StepUpError = T.Describe(failed);
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return false;
    }

    private void Fail(Failure failure, string? handler)
    {
        if (failure.Code == ErrorCodes.StepUpRequired && handler is not null)
        {
            StepUpFor = handler;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        TwoFactorError = T.Describe(failure);
        Response.StatusCode = ApiProblems.StatusFor(failure.Code);
    }

    private void ShowSetup(TotpSetup setup)
    {
        TotpSetup = setup;
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(setup.KeyUri, QRCodeGenerator.ECCLevel.M);
        TotpQrSvg = new SvgQRCode(data).GetGraphic(4);
    }

    private async Task<IActionResult> RenderAsync(CancellationToken cancellationToken)
    {
        var services = HttpContext.RequestServices;
        await LoadAsync(services.GetRequiredService<StaleDevices>(), services.GetRequiredService<ListAppPasswordsHandler>(), cancellationToken);
        await LoadTwoFactorAsync(cancellationToken);
        return Page();
    }
}
