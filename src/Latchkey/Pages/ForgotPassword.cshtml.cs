using Latchkey.Core.Passwords;
using Latchkey.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Latchkey.Pages;

/// <summary>
/// Asks for a reset link; the answer is the same, and as fast, whether or not the address has an account: the work
/// happens after the answer (<see cref="PasswordResetRequests"/>).
/// </summary>
public sealed class ForgotPasswordModel(PasswordResetRequests queue) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await queue.EnqueueAsync(Email, CurrentSession.Audit(HttpContext), cancellationToken);
        Sent = true;
        return Page();
    }
}
