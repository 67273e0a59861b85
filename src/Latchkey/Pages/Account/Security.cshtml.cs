using Latchkey.Core.Sessions;
using Latchkey.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Latchkey.Pages.Account;

/// <summary>The account's sessions, each with its own Sign out, and "Log out of all devices".</summary>
public sealed class SecurityModel(
    ListSessionsHandler list,
    SignOutHandler signOut,
    RevokeAllSessionsHandler revokeAll,
    IOptions<LatchkeySessionOptions> options) : PageModel
{
    public IReadOnlyList<SessionView> Sessions { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(HttpContext);
        Sessions = await list.HandleAsync(session.AccountId, session.SessionId, cancellationToken);
    }

    public async Task<IActionResult> OnPostSignOutAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(HttpContext);
        await signOut.HandleAsync(session.AccountId, sessionId, CurrentSession.Audit(HttpContext), "signed_out_by_user", cancellationToken);
        if (sessionId == session.SessionId)
        {
            SessionCookie.Delete(HttpContext, options.Value);
            return Redirect("/login");
        }

        Message = "That session has been signed out.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostSignOutOthersAsync(CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(HttpContext);
        var ended = await revokeAll.HandleAsync(session.AccountId, session.Email, session.SessionId, CurrentSession.Audit(HttpContext), cancellationToken);
        Message = ended == 1 ? "1 other session has been signed out." : $"{ended} other sessions have been signed out.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostLogOutAllAsync(CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(HttpContext);
        await revokeAll.HandleAsync(session.AccountId, session.Email, null, CurrentSession.Audit(HttpContext), cancellationToken);
        SessionCookie.Delete(HttpContext, options.Value);
        return Redirect("/login?signedOut=everywhere");
    }
}
