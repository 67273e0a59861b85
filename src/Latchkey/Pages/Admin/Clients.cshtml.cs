using Latchkey.Core.Oidc;
using Latchkey.Http;
using Latchkey.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Latchkey.Pages.Admin;

/// <summary>OpenID Connect clients (Administrators): the list, and a form whose answer shows the new secret once.</summary>
public sealed class ClientsModel(ListClientsHandler list) : PageModel
{
    public IReadOnlyList<OidcClientView> Clients { get; private set; } = [];

    /// <summary>A just-registered client: its secret is rendered in this answer only.</summary>
    public RegisteredClient? NewClient { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var result = await list.HandleAsync(CurrentSession.Actor(HttpContext), cancellationToken);
        if (!result.Succeeded)
        {
            return Forbid();
        }

        Clients = result.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(
        string? name, string? redirectUri, string? postLogoutRedirectUri, string? backchannelLogoutUri, bool firstParty,
        [FromServices] RegisterClientHandler register, CancellationToken cancellationToken)
    {
        var result = await register.HandleAsync(
            new RegisterClientCommand(name, string.IsNullOrWhiteSpace(redirectUri) ? [] : [redirectUri.Trim()], Blank(postLogoutRedirectUri), Blank(backchannelLogoutUri), firstParty),
            CurrentSession.Actor(HttpContext), CurrentSession.Audit(HttpContext), cancellationToken);
        if (!result.Succeeded && result.Failure.Code == Core.Common.ErrorCodes.Forbidden)
        {
            return Forbid();
        }

        if (result.Succeeded)
        {
            NewClient = result.Value;
        }
        else
        {
            Error = Latchkey.Localization.PageText.Of(HttpContext).Describe(result.Failure);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        Clients = (await list.HandleAsync(CurrentSession.Actor(HttpContext), cancellationToken)).Value ?? [];
        return Page();
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
