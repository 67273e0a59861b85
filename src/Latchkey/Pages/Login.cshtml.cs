using Fido2NetLib;
using Latchkey.Core.Common;
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

public sealed class LoginModel(SignInHandler handler, PasskeySignInHandler passkeys, IOptions<LatchkeySessionOptions> options, IOptions<LockoutOptions> lockoutOptions) : PageModel
{
    private Microsoft.Extensions.Localization.IStringLocalizer<Latchkey.Localization.Text> T => Latchkey.Localization.PageText.Of(HttpContext);

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? SignedOut { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    /// <summary>The switcher: remembers the language in a cookie and shows the sign-in page again in it.</summary>
    public IActionResult OnPostLanguage(string? language)
    {
        if (Core.Data.Languages.Normalize(language) is { } code)
        {
            LanguageCookie.Append(HttpContext, code);
        }

        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? "/login?returnUrl=" + Uri.EscapeDataString(ReturnUrl) : "/login");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password))
        {
            Error = T["Enter your e-mail address and your password."];
            return Page();
        }

        if (RequestValidation.PasswordTooLong("password", Password) is { } tooLong)
        {
            Error = T.Describe(tooLong);
            return Page();
        }

        var result = await handler.HandleAsync(new SignInRequest(Email, Password, RequestInfo.Ip(HttpContext), RequestInfo.UserAgent(HttpContext), DeviceCookie.Read(HttpContext)), cancellationToken);
        return Answer(result);
    }

    /// <summary>Passwordless sign-in: the browser's passkey answer (wwwroot/js/passkey.js), user verification required.</summary>
    public async Task<IActionResult> OnPostPasskeyAsync(string? credential, CancellationToken cancellationToken)
    {
        var result = await passkeys.FinishPasswordlessAsync(
            Account.SecurityModel.Parse<AuthenticatorAssertionRawResponse>(credential), RequestInfo.Ip(HttpContext), RequestInfo.UserAgent(HttpContext), DeviceCookie.Read(HttpContext), cancellationToken);
        return Answer(result);
    }

    private IActionResult Answer(Result<SignedIn> result)
    {
        if (result.Failure is { Code: Core.Common.ErrorCodes.TwoFactorRequired, Extensions: { } challenge })
        {
            TwoFactorChallengeCookie.Append(HttpContext, (string)challenge["challenge"], (DateTimeOffset)challenge["expiresAt"]);
            return Redirect("/login/two-factor" + (Url.IsLocalUrl(ReturnUrl) ? "?returnUrl=" + Uri.EscapeDataString(ReturnUrl) : ""));
        }

        if (!result.Succeeded)
        {
            Error = T.Describe(result.Failure);
            Response.StatusCode = ApiProblems.StatusFor(result.Failure.Code);
            if (result.Failure.Code == ErrorCodes.RateLimited)
            {
                DeviceCookie.RetryAfter(HttpContext, lockoutOptions.Value);
            }

            return Page();
        }

        SessionCookie.Append(HttpContext, options.Value, result.Value);
        DeviceCookie.Append(HttpContext, lockoutOptions.Value, result.Value);
        if (result.Value.Account.MustChangePassword)
        {
            return Redirect("/account/password?required=true");
        }

        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
