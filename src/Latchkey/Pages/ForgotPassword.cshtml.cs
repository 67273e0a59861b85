using Latchkey.Core.Passwords;
using Latchkey.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Latchkey.Pages;

/// <summary>Asks for a reset link; the answer is the same whether or not the address has an account.</summary>
public sealed class ForgotPasswordModel(RequestPasswordResetHandler handler) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await handler.HandleAsync(Email, CurrentSession.Audit(HttpContext), cancellationToken);
        Sent = true;
        return Page();
    }
}
