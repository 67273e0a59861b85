using System.Text.Json;
using Fido2NetLib;
using Latchkey.Core.Access;
using Latchkey.Core.TwoFactor;
using Latchkey.Http;
using Microsoft.AspNetCore.Mvc;

namespace Latchkey.Pages.Account;

/// <summary>
/// The Security page's passkeys: the browser's script (wwwroot/js/passkey.js) gets creation options from
/// <c>/api/v1/me/passkeys/options</c> and posts the authenticator's answer here with the name; removing one asks
/// for a step-up in place, as other factor changes do; renaming one does not (the name is a label).
/// </summary>
public sealed partial class SecurityModel
{
    public string? PasskeyName { get; private set; }

    public async Task<IActionResult> OnPostAddPasskeyAsync(
        string? name, string? credential, string? stepUpCode,
        [FromServices] FinishPasskeyRegistrationHandler handler, [FromServices] VerifyStepUpHandler verify, [FromServices] StepUp stepUp, CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(HttpContext);
        PasskeyName = name;
        if (!await StepUpFirstAsync("AddPasskey", stepUpCode, verify, cancellationToken))
        {
            return await RenderAsync(cancellationToken);
        }

        if (string.IsNullOrEmpty(credential))
        {
            if (await stepUp.RequireAsync(session.AccountId, session.SessionId, cancellationToken) is { } required)
            {
                Fail(required, "AddPasskey");
            }
            else if (string.IsNullOrWhiteSpace(name))
            {
                TwoFactorError = T["Give the passkey a name."];
                Response.StatusCode = StatusCodes.Status400BadRequest;
            }

            return await RenderAsync(cancellationToken);
        }

        var result = await handler.HandleAsync(session.AccountId, session.SessionId, name, Parse<AuthenticatorAttestationRawResponse>(credential), CurrentSession.Audit(HttpContext), cancellationToken);
        if (result.Succeeded)
        {
            NewRecoveryCodes = result.Value.RecoveryCodes;
            PasskeyName = null;
            Message = T["Your passkey has been added."];
        }
        else
        {
            Fail(result.Failure, "AddPasskey");
        }

        return await RenderAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRemovePasskeyAsync(
        Guid passkeyId, string? stepUpCode, [FromServices] RemovePasskeyHandler handler, [FromServices] VerifyStepUpHandler verify, CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(HttpContext);
        if (await StepUpFirstAsync("RemovePasskey:" + passkeyId, stepUpCode, verify, cancellationToken))
        {
            var result = await handler.HandleAsync(session.AccountId, session.SessionId, passkeyId, CurrentSession.Audit(HttpContext), cancellationToken);
            if (result.Succeeded)
            {
                Message = T["The passkey has been removed."];
                return RedirectToPage();
            }

            Fail(result.Failure, "RemovePasskey:" + passkeyId);
        }

        return await RenderAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRenamePasskeyAsync(Guid passkeyId, string? name, [FromServices] RenamePasskeyHandler handler, CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(HttpContext);
        var result = await handler.HandleAsync(session.AccountId, passkeyId, name, CurrentSession.Audit(HttpContext), cancellationToken);
        if (result.Succeeded)
        {
            Message = T["The passkey has been renamed."];
            return RedirectToPage();
        }

        Fail(result.Failure, null);
        return await RenderAsync(cancellationToken);
    }

    /// <summary>The browser's WebAuthn answer from a hidden field; null when it is not one.</summary>
    internal static T? Parse<T>(string? json)
        where T : class
    {
        if (string.IsNullOrEmpty(json) || json.Length > 65536)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(json, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
