using Latchkey.Core.Common;
using Latchkey.Core.Passwords;
using Latchkey.Core.Sessions;
using Latchkey.Core.Tokens;
using Latchkey.Http;
using Latchkey.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Latchkey.Pages.Account;

/// <summary>
/// The change-password form. It works without JavaScript (the server marks each rule and field); with it, the
/// checklist ticks live from <c>/api/v1/passwords/check</c>, the same rules the server enforces.
/// </summary>
public sealed class PasswordModel(
    ChangePasswordHandler handler,
    PasswordPolicyProvider policies,
    ListApiTokensHandler tokens,
    IOptions<LatchkeySessionOptions> options) : PageModel
{
    private Microsoft.Extensions.Localization.IStringLocalizer<Latchkey.Localization.Text> T => Latchkey.Localization.PageText.Of(HttpContext);

    private Dictionary<string, string> _fieldErrors = [];

    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    [BindProperty]
    public bool SignOutEverywhere { get; set; }

    [BindProperty]
    public bool RevokeAppPasswords { get; set; }

    [BindProperty]
    public bool RevokeApiTokens { get; set; }

    /// <summary>The account's live API tokens, listed so the user can end them with the change.</summary>
    public IReadOnlyList<ApiTokenView> LiveTokens { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "changed")]
    public bool Changed { get; set; }

    [BindProperty(SupportsGet = true, Name = "required")]
    public bool Required { get; set; }

    public string Email { get; private set; } = "";

    public string? Error { get; private set; }

    public IReadOnlyList<ChecklistRule> Rules { get; private set; } = [];

    public string? FieldError(string field) => _fieldErrors.GetValueOrDefault(field);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadRulesAsync(null, cancellationToken);
    }

    public bool StepUpNeeded { get; private set; }

    public string? StepUpError { get; private set; }

    public async Task<IActionResult> OnPostAsync(string? stepUpCode, [FromServices] Core.TwoFactor.VerifyStepUpHandler stepUp, CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(HttpContext);
        if (await StepUpForm.VerifyAsync(HttpContext, stepUpCode, stepUp, cancellationToken) is { } stepUpFailed)
        {
            StepUpNeeded = true;
            StepUpError = Latchkey.Localization.PageText.Of(HttpContext).Describe(stepUpFailed);
            Response.StatusCode = StatusCodes.Status403Forbidden;
            await LoadRulesAsync(null, cancellationToken);
            return Page();
        }

        var result = await handler.HandleAsync(
            new ChangePasswordCommand(session.AccountId, session.SessionId, CurrentPassword ?? "", NewPassword ?? "", ConfirmPassword ?? "", SignOutEverywhere, RevokeAppPasswords, RevokeApiTokens),
            CurrentSession.Audit(HttpContext),
            cancellationToken);
        if (result.Succeeded)
        {
            if (SignOutEverywhere)
            {
                SessionCookie.Delete(HttpContext, options.Value);
                return Redirect("/login?signedOut=password-changed");
            }

            return Redirect("/account/password?changed=true");
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        Changed = false;
        var failure = result.Failure;
        if (failure.Code == ErrorCodes.StepUpRequired)
        {
            StepUpNeeded = true;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            await LoadRulesAsync(null, cancellationToken);
            return Page();
        }

        var failedRules = failure.Code == ErrorCodes.PasswordPolicy ? failure.Errors?.GetValueOrDefault(ChangePasswordHandler.NewPasswordField) : null;
        await LoadRulesAsync(failedRules, cancellationToken);
        _fieldErrors = failure.Code switch
        {
            ErrorCodes.PasswordPolicy => new() { ["newPassword"] = T["The new password does not meet every rule: {0}", string.Join("; ", Rules.Where(r => r.Met == false).Select(r => r.Text))] },
            ErrorCodes.Validation => failure.Errors?.ToDictionary(e => e.Key, e => e.Value.Contains("too_long") ? T["This password is too long."].Value : T["Fill in this field."].Value) ?? [],
            _ when failure.Errors is { Count: > 0 } => failure.Errors.ToDictionary(e => e.Key, _ => T.Describe(failure)),
            _ => [],
        };
        if (_fieldErrors.Count == 0)
        {
            Error = T.Describe(failure);
        }

        return Page();
    }

    private async Task LoadRulesAsync(IReadOnlyCollection<string>? failed, CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(HttpContext);
        Email = session.Email;
        LiveTokens = await tokens.HandleAsync(session.AccountId, cancellationToken);
        var policy = await policies.ForEmailAsync(Email, cancellationToken);
        Rules = [.. policy.EnforcedRules().Select(id => new ChecklistRule(id, PasswordRuleTexts.Describe(id, policy), failed is null ? null : !failed.Contains(id)))];
    }

    /// <summary>A checklist line; <see cref="Met"/> is null until the server has judged a password.</summary>
    public sealed record ChecklistRule(string Id, string Text, bool? Met);
}
