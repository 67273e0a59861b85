using Fido2NetLib;
using Latchkey.Core.Lockout;
using Latchkey.Core.Sessions;
using Latchkey.Core.SignIn;
using Latchkey.Core.TwoFactor;
using Latchkey.Http;
using Latchkey.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Latchkey.Pages;

/// <summary>
/// The second page of a sign-in: after the right password, a code from the authenticator app, a recovery code or a
/// passkey (wwwroot/js/passkey.js); only the methods the account has are offered.
/// The challenge travels in <see cref="TwoFactorChallengeCookie"/>, never in the address.
/// </summary>
public sealed class LoginTwoFactorModel(
    CompleteTwoFactorSignInHandler handler, PasskeySignInHandler passkeys, IOptions<LatchkeySessionOptions> options, IOptions<LockoutOptions> lockoutOptions) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? RecoveryCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool UseRecoveryCode { get; set; }

    public string? Error { get; private set; }

    public bool Expired { get; private set; }

    public bool HasTotp { get; private set; }

    public bool HasPasskey { get; private set; }

    public bool HasRecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (TwoFactorChallengeCookie.Read(HttpContext) is not { } challenge)
        {
            return Redirect("/login");
        }

        await LoadMethodsAsync(challenge, cancellationToken);
        return Page();
    }

    /// <summary>Assertion options for the passkeys of the challenge's account, as JSON for the page's script.</summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync(CancellationToken cancellationToken)
    {
        var result = await passkeys.BeginSecondFactorAsync(TwoFactorChallengeCookie.Read(HttpContext), cancellationToken);
        return result.Succeeded
            ? Content(result.Value, "application/json")
            : new ObjectResult(ApiProblems.Create(result.Failure)) { StatusCode = ApiProblems.StatusFor(result.Failure.Code) };
    }

    public async Task<IActionResult> OnPostPasskeyAsync(string? credential, CancellationToken cancellationToken)
    {
        var challenge = TwoFactorChallengeCookie.Read(HttpContext);
        if (challenge is null)
        {
            return Redirect("/login");
        }

        var result = await passkeys.FinishSecondFactorAsync(
            challenge, Account.SecurityModel.Parse<AuthenticatorAssertionRawResponse>(credential), RequestInfo.Ip(HttpContext), RequestInfo.UserAgent(HttpContext), DeviceCookie.Read(HttpContext), cancellationToken);
        return await AnswerAsync(challenge, result, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var challenge = TwoFactorChallengeCookie.Read(HttpContext);
        if (challenge is null)
        {
            return Redirect("/login");
        }

        var result = await handler.HandleAsync(challenge, UseRecoveryCode ? null : Code, UseRecoveryCode ? RecoveryCode : null, RequestInfo.Ip(HttpContext), RequestInfo.UserAgent(HttpContext), DeviceCookie.Read(HttpContext), cancellationToken);
        return await AnswerAsync(challenge, result, cancellationToken);
    }

    private async Task<IActionResult> AnswerAsync(string challenge, Core.Common.Result<SignedIn> result, CancellationToken cancellationToken)
    {
        if (!result.Succeeded)
        {
            Expired = result.Failure.Errors?.ContainsKey("challenge") == true || result.Failure.Code == Core.Common.ErrorCodes.Locked;
            if (Expired)
            {
                TwoFactorChallengeCookie.Delete(HttpContext);
            }

            Error = Latchkey.Localization.PageText.Of(HttpContext).Describe(result.Failure);
            Response.StatusCode = ApiProblems.StatusFor(result.Failure.Code);
            await LoadMethodsAsync(challenge, cancellationToken);
            return Page();
        }

        TwoFactorChallengeCookie.Delete(HttpContext);
        SessionCookie.Append(HttpContext, options.Value, result.Value);
        DeviceCookie.Append(HttpContext, lockoutOptions.Value, result.Value);
        if (result.Value.Account.MustChangePassword)
        {
            return Redirect("/account/password?required=true");
        }

        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }

    private async Task LoadMethodsAsync(string challenge, CancellationToken cancellationToken)
    {
        var methods = await passkeys.MethodsAsync(challenge, cancellationToken);
        HasTotp = methods.Contains(SecondFactorMethod.Totp);
        HasPasskey = methods.Contains(SecondFactorMethod.Passkey);
        HasRecoveryCodes = methods.Contains(SecondFactorMethod.RecoveryCode);
    }
}
