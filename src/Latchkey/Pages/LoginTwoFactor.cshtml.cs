using Latchkey.Core.Lockout;
using Latchkey.Core.Sessions;
using Latchkey.Core.TwoFactor;
using Latchkey.Hosting;
using Latchkey.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Latchkey.Pages;

/// <summary>
/// The second page of a sign-in: after the right password, a code from the authenticator app or a recovery code.
/// The challenge travels in <see cref="TwoFactorChallengeCookie"/>, never in the address.
/// </summary>
public sealed class LoginTwoFactorModel(CompleteTwoFactorSignInHandler handler, IOptions<LatchkeySessionOptions> options, IOptions<LockoutOptions> lockoutOptions) : PageModel
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

    public IActionResult OnGet() => TwoFactorChallengeCookie.Read(HttpContext) is null ? Redirect("/login") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var challenge = TwoFactorChallengeCookie.Read(HttpContext);
        if (challenge is null)
        {
            return Redirect("/login");
        }

        var result = await handler.HandleAsync(challenge, UseRecoveryCode ? null : Code, UseRecoveryCode ? RecoveryCode : null, RequestInfo.Ip(HttpContext), RequestInfo.UserAgent(HttpContext), DeviceCookie.Read(HttpContext), cancellationToken);
        if (!result.Succeeded)
        {
            Expired = result.Failure.Errors?.ContainsKey("challenge") == true || result.Failure.Code == Core.Common.ErrorCodes.Locked;
            if (Expired)
            {
                TwoFactorChallengeCookie.Delete(HttpContext);
            }

            Error = Latchkey.Localization.PageText.Of(HttpContext).Describe(result.Failure);
            Response.StatusCode = Hosting.ApiProblems.StatusFor(result.Failure.Code);
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
}
