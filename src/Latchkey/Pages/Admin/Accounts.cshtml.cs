using Latchkey.Core.Access;
using Latchkey.Core.Domains;
using Latchkey.Core.Helpdesk;
using Latchkey.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Latchkey.Pages.Admin;

/// <summary>The helpdesk's account list: a domain picker, a search, filters and paging, within the actor's domains.</summary>
public sealed class AccountsModel(ListAccountsHandler accounts, ListDomainsHandler domains) : PageModel
{
    private Microsoft.Extensions.Localization.IStringLocalizer<Latchkey.Localization.Text> T => Latchkey.Localization.PageText.Of(HttpContext);

    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Domain { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool? Locked { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool? Disabled { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool? MustChange { get; set; }

    /// <summary>The <em>No second factor</em> filter: <c>noSecondFactor=true</c> lists accounts without one.</summary>
    [BindProperty(SupportsGet = true)]
    public bool? NoSecondFactor { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<string> Domains { get; private set; } = [];

    public bool AllDomainsAllowed { get; private set; }

    public bool CanCreate { get; private set; }

    public IReadOnlyList<AccountView> Items { get; private set; } = [];

    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var actor = CurrentSession.Actor(HttpContext);
        var visible = actor.ManagedDomains;
        Domains = visible ?? [.. ((await domains.HandleAsync(actor, cancellationToken)).Value ?? []).Select(d => d.Name)];
        AllDomainsAllowed = visible is null;
        if (!AllDomainsAllowed && Domains.Count > 0 && (Domain is null || !Domains.Contains(Domain)))
        {
            Domain = Domains[0];
        }

        // Whether to offer the "new account" link; CreateAccountHandler decides when the form is sent.
        CanCreate = Domain is null ? actor.IsGlobalAdministrator : AccessPolicy.CanActInDomain(actor, Domain, AdminAction.Create) is null;
        var page = await accounts.HandleAsync(new ListAccountsQuery(Domain, Q, Locked, Math.Max(1, PageNumber), PageSize, Disabled, MustChange, NoSecondFactor == true ? false : null), actor, cancellationToken);
        if (!page.Succeeded)
        {
            return Forbid();
        }

        Items = page.Value.Items;
        Total = page.Value.Total;
        return Page();
    }

    public string State(AccountView account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var states = new List<string>();
        if (account.Disabled)
        {
            states.Add(T["Disabled"]);
        }

        if (account.Locked)
        {
            states.Add(T["Locked"]);
        }

        if (account.MustChangePassword)
        {
            states.Add(T["Must change password"]);
        }

        return states.Count == 0 ? "Active" : string.Join(", ", states);
    }

    public string PageLink(int page) =>
        QueryString.Create(new Dictionary<string, string?>
        {
            ["domain"] = Domain,
            ["q"] = Q,
            ["locked"] = Locked?.ToString().ToLowerInvariant(),
            ["disabled"] = Disabled?.ToString().ToLowerInvariant(),
            ["mustChange"] = MustChange?.ToString().ToLowerInvariant(),
            ["noSecondFactor"] = NoSecondFactor?.ToString().ToLowerInvariant(),
            ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(p => p.Value is not null)).ToUriComponent();
}
