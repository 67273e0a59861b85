using Latchkey.Core.Sessions;
using Latchkey.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Latchkey.Pages;

public sealed class LogoutModel(SignOutHandler handler, IOptions<LatchkeySessionOptions> options) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (CurrentSession.Get(HttpContext) is { } session)
        {
            await handler.HandleAsync(session.AccountId, session.SessionId, CurrentSession.Audit(HttpContext), cancellationToken: cancellationToken);
        }

        SessionCookie.Delete(HttpContext, options.Value);
        return Redirect("/login");
    }
}
