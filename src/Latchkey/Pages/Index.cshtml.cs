using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Latchkey.Pages;

public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
