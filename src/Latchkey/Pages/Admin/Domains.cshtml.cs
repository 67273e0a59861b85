using Latchkey.Core.Access;
using Latchkey.Core.Common;
using Latchkey.Core.Domains;
using Latchkey.Http;
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
        var result = await create.HandleAsync(Name ?? "", CurrentSession.Actor(HttpContext), CurrentSession.Audit(HttpContext), cancellationToken);
        if (!result.Succeeded && result.Failure.Code == ErrorCodes.Forbidden)
        {
            return Forbid();
        }

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
        var result = await list.HandleAsync(actor, cancellationToken);
        if (!result.Succeeded)
        {
            return Forbid();
        }

        // Whether to offer the form; CreateDomainHandler decides when it is sent.
        CanAdd = AccessPolicy.CanDo(actor, AdminAction.AddDomain) is null;
        Items = result.Value;
        return null;
    }
}
