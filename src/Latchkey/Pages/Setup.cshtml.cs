using Latchkey.Core.Accounts;
using Latchkey.Core.Data;
using Latchkey.Http;
using Latchkey.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Pages;

/// <summary>The one-time setup link's page; it answers 404 once an account exists or the token is spent.</summary>
public sealed class SetupModel(SetupToken setupToken, LatchkeyDbContext db, CompleteSetupHandler handler) : PageModel
{
    private Microsoft.Extensions.Localization.IStringLocalizer<Latchkey.Localization.Text> T => Latchkey.Localization.PageText.Of(HttpContext);

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public bool LinkValid { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        LinkValid = setupToken.Matches(Token) && !await db.Users.AnyAsync(cancellationToken);
        if (!LinkValid)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        LinkValid = true;
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password))
        {
            Error = T["Enter an e-mail address and a password."];
            return Page();
        }

        if (RequestValidation.PasswordTooLong("password", Password) is { } tooLong)
        {
            Error = T.Describe(tooLong);
            return Page();
        }

        var result = await handler.HandleAsync(Token ?? "", Email, Password, CurrentSession.Audit(HttpContext), cancellationToken);
        if (!result.Succeeded)
        {
            LinkValid = result.Failure.Code != Core.Common.ErrorCodes.NotFound;
            Error = T.Describe(result.Failure);
            Response.StatusCode = LinkValid ? StatusCodes.Status400BadRequest : StatusCodes.Status404NotFound;
            return Page();
        }

        return Redirect("/login");
    }
}
