using Latchkey.Core.Domains;
using Latchkey.Hosting;
using Latchkey.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Latchkey.Pages.Admin;

/// <summary>The domains the actor manages; Administrators add new ones.</summary>
public sealed class DomainsModel(ListDomainsHandler list, CreateDomainHandler create) : PageModel
{
    private Microsoft.Extensions.Localization.IStringLocalizer<Latchkey.Localization.Text> T => Latchkey.Localization.PageText.Of(HttpContext);

    [BindProperty]
    public string? Name { get; set; }

    [TempData]
    public string? Message { get; set; }

    public string? Error { get; private set; }

    public IReadOnlyList<DomainSummary> Items { get; private set; } = [];

    public bool CanAdd { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!CurrentSession.Actor(HttpContext).IsGlobalAdministrator)
        {
            return Forbid();
        }

        var result = await create.HandleAsync(Name ?? "", CurrentSession.Audit(HttpContext), cancellationToken);
        if (!result.Succeeded)
        {
            Error = T.Describe(result.Failure);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await LoadAsync(cancellationToken) ?? Page();
        }

        Message = T["Added {0}.", result.Value.Name];
        return RedirectToPage();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        var actor = CurrentSession.Actor(HttpContext);
        var visible = actor.ManagedDomains;
        if (visible is { Count: 0 })
        {
            return Forbid();
        }

        CanAdd = actor.IsGlobalAdministrator;
        Items = [.. (await list.HandleAsync(cancellationToken)).Where(d => visible is null || visible.Contains(d.Name))];
        return null;
    }
}
