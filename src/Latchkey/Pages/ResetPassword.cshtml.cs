using Latchkey.Core.Common;
using Latchkey.Core.Passwords;
using Latchkey.Http;
using Latchkey.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using static Latchkey.Pages.Account.PasswordModel;

namespace Latchkey.Pages;

/// <summary>The page a reset link opens: the same live policy checklist as the change form, then every session ends.</summary>
public sealed class ResetPasswordModel(ConfirmPasswordResetHandler handler, PasswordPolicyProvider policies) : PageModel
{
    private Microsoft.Extensions.Localization.IStringLocalizer<Latchkey.Localization.Text> T => Latchkey.Localization.PageText.Of(HttpContext);

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public string? Error { get; private set; }

    /// <summary>The link's account, so the live checklist judges by its domain's policy; the link's owner knows it.</summary>
    public string? Email { get; private set; }

    public IReadOnlyList<ChecklistRule> Rules { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadRulesAsync(null, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(Token, NewPassword, ConfirmPassword, CurrentSession.Audit(HttpContext), cancellationToken);
        if (result.Succeeded)
        {
            return Redirect("/login?signedOut=password-reset");
        }

        Error = T.Describe(result.Failure);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadRulesAsync(result.Failure.Code == ErrorCodes.PasswordPolicy ? result.Failure.Errors?.GetValueOrDefault(ChangePasswordHandler.NewPasswordField) : null, cancellationToken);
        return Page();
    }

    private async Task LoadRulesAsync(IReadOnlyCollection<string>? failed, CancellationToken cancellationToken)
    {
        Email = PasswordResetTokens.TryDecode(Token, out var accountId, out _) ? await policies.EmailOfAccountAsync(accountId, cancellationToken) : null;
        var policy = await policies.ForEmailAsync(Email, cancellationToken);

        Rules = [.. policy.EnforcedRules().Select(id => new ChecklistRule(id, PasswordRuleTexts.Describe(id, policy), failed is null ? null : !failed.Contains(id)))];
    }
}
