using Latchkey.Core.Tokens;
using Latchkey.Http;
using Latchkey.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Latchkey.Pages.Account;

/// <summary>
/// Personal API tokens: created here (name, scopes, expiry), the token shown in that answer only, then listed with
/// its last use and a Revoke button.
/// </summary>
public sealed class TokensModel(ListApiTokensHandler list) : PageModel
{
    public IReadOnlyList<ApiTokenView> Tokens { get; private set; } = [];

    /// <summary>A just-created token: rendered in this answer only, never stored or redirected with.</summary>
    public CreatedApiToken? NewToken { get; private set; }

    public string? Error { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(
        string? name, string[]? scopes, int? expiresInDays, [FromServices] CreateApiTokenHandler create, CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(HttpContext);
        var result = await create.HandleAsync(new CreateApiTokenCommand(session.AccountId, name, scopes, expiresInDays, session.SessionId), CurrentSession.Audit(HttpContext), cancellationToken);
        if (result.Succeeded)
        {
            NewToken = result.Value;
        }
        else
        {
            Error = Latchkey.Localization.PageText.Of(HttpContext).Describe(result.Failure);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid tokenId, [FromServices] RevokeApiTokenHandler revoke, CancellationToken cancellationToken)
    {
        var result = await revoke.HandleAsync(CurrentSession.Required(HttpContext).AccountId, tokenId, CurrentSession.Actor(HttpContext), CurrentSession.Audit(HttpContext), cancellationToken);
        Message = result.Succeeded ? "The token has been revoked." : result.Failure.Message;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Tokens = await list.HandleAsync(CurrentSession.Required(HttpContext).AccountId, cancellationToken);
}
