using Latchkey.Core.Accounts;
using Latchkey.Core.Data;
using Latchkey.Http;
using Latchkey.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Latchkey.Pages.Account;

/// <summary>
/// The account's language. Saving it also sets the browser's language cookie, so the sign-in page reads the same
/// after signing out.
/// </summary>
public sealed class LanguageModel(SetLanguageHandler handler) : PageModel
{
    [BindProperty]
    public string? Language { get; set; }

    [BindProperty(SupportsGet = true, Name = "saved")]
    public bool Saved { get; set; }

    public string Current { get; private set; } = Languages.Default;

    public string? Error { get; private set; }

    public void OnGet() => Current = Languages.Normalize(CurrentSession.Required(HttpContext).Account.PreferredLanguage) ?? Languages.Normalize(System.Globalization.CultureInfo.CurrentUICulture.Name) ?? Languages.Default;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(HttpContext);
        var result = await handler.HandleAsync(session.AccountId, Language, CurrentSession.Audit(HttpContext), cancellationToken);
        if (!result.Succeeded)
        {
            Response.StatusCode = ApiProblems.StatusFor(result.Failure.Code);
            Current = Languages.Normalize(session.Account.PreferredLanguage) ?? Languages.Default;
            Error = PageText.Of(HttpContext).Describe(result.Failure);
            return Page();
        }

        LanguageCookie.Append(HttpContext, result.Value.PreferredLanguage ?? Languages.Default);
        return Redirect("/account/language?saved=true");
    }
}
