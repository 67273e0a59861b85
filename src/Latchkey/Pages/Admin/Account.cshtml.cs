using Latchkey.Core.Access;
using Latchkey.Core.Accounts;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Helpdesk;
using Latchkey.Core.Lockout;
using Latchkey.Core.Passwords;
using Latchkey.Core.Tokens;
using Latchkey.Http;
using Latchkey.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Latchkey.Pages.Admin;

/// <summary>
/// One account for the helpdesk: details, sessions, recent failures, and the reset form (typed or generated,
/// require change, log out of all devices, ticked by default). Every action goes through the same handlers and
/// <see cref="AccessPolicy"/> as the API.
/// </summary>
public sealed partial class AccountModel(
    GetAccountDetailsHandler details,
    SetPasswordByAdminHandler reset,
    GeneratePasswordHandler generate,
    ChangeRoleHandler roles,
    UnlockAccountHandler unlock) : PageModel
{
    private Microsoft.Extensions.Localization.IStringLocalizer<Latchkey.Localization.Text> T => Latchkey.Localization.PageText.Of(HttpContext);

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public bool RequireChange { get; set; }

    [BindProperty]
    public bool SignOutEverywhere { get; set; }

    [BindProperty]
    public string? RoleName { get; set; }

    [BindProperty]
    public string? RoleDomain { get; set; }

    [TempData]
    public string? Message { get; set; }

    public string? Error { get; private set; }

    public AccountDetails Details { get; private set; } = null!;

    public bool CanDisable { get; private set; }

    /// <summary>Whether the actor may grant any role here (an Operator may not: the form is not offered).</summary>
    public bool CanGrant { get; private set; }

    /// <summary>The account's live API tokens (never a secret).</summary>
    public IReadOnlyList<ApiTokenView> Tokens { get; private set; } = [];

    public async Task<IActionResult> OnPostRevokeTokenAsync(Guid tokenId, [FromServices] RevokeApiTokenHandler revoke, CancellationToken cancellationToken)
    {
        var result = await revoke.HandleAsync(Id, tokenId, CurrentSession.Actor(HttpContext), CurrentSession.Audit(HttpContext), cancellationToken);
        if (!result.Succeeded)
        {
            return await FailAsync(result.Failure, cancellationToken);
        }

        Message = T["The token has been revoked."];
        return RedirectToPage(new { id = Id });
    }

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => RenderAsync(cancellationToken);

    public async Task<IActionResult> OnPostGenerateAsync(CancellationToken cancellationToken)
    {
        var loaded = await LoadAsync(cancellationToken);
        if (loaded is not null)
        {
            return loaded;
        }

        NewPassword = await generate.HandleAsync(Details.Account.Email, null, cancellationToken);
        ModelState.Remove(nameof(NewPassword));
        return Page();
    }

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken cancellationToken)
    {
        var result = await reset.HandleAsync(
            new SetPasswordByAdminCommand(Id, NewPassword, false, RequireChange, SignOutEverywhere), CurrentSession.Actor(HttpContext), CurrentSession.Audit(HttpContext), cancellationToken);
        if (!result.Succeeded)
        {
            return await FailAsync(result.Failure, cancellationToken);
        }

        Message = SignOutEverywhere
            ? T["Password saved. {0} was signed out of all devices (sessions ended: {1}).", result.Value.Email, result.Value.SessionsEnded]
            : T["Password saved for {0}.", result.Value.Email];
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostRevokeSessionsAsync([FromServices] RevokeAllSessionsHandler revokeSessions, CancellationToken cancellationToken)
    {
        var result = await revokeSessions.HandleAsync(Id, null, CurrentSession.Actor(HttpContext), CurrentSession.Audit(HttpContext), cancellationToken);
        if (!result.Succeeded)
        {
            return await FailAsync(result.Failure, cancellationToken);
        }

        Message = T["Logged out of all devices (sessions ended: {0}).", result.Value];
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostUnlockAsync(CancellationToken cancellationToken)
    {
        var result = await unlock.HandleAsync(Id, CurrentSession.Actor(HttpContext), CurrentSession.Audit(HttpContext), cancellationToken);
        if (!result.Succeeded)
        {
            return await FailAsync(result.Failure, cancellationToken);
        }

        Message = result.Value.WasLocked ? T["Unlocked {0}: the next login is checked afresh.", result.Value.Email] : T["{0} was not locked.", result.Value.Email];
        return RedirectToPage(new { id = Id });
    }

    public Task<IActionResult> OnPostGrantRoleAsync(CancellationToken cancellationToken) => ChangeRoleAsync(true, cancellationToken);

    public Task<IActionResult> OnPostRevokeRoleAsync(CancellationToken cancellationToken) => ChangeRoleAsync(false, cancellationToken);

    private async Task<IActionResult> ChangeRoleAsync(bool grant, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<Role>(RoleName, out var role))
        {
            return await FailAsync(new Failure(ErrorCodes.Validation, "Choose a role."), cancellationToken);
        }

        var result = await roles.HandleAsync(Id, role, string.IsNullOrWhiteSpace(RoleDomain) ? null : RoleDomain, grant, CurrentSession.Actor(HttpContext), CurrentSession.Audit(HttpContext), cancellationToken);
        if (!result.Succeeded)
        {
            return await FailAsync(result.Failure, cancellationToken);
        }

        Message = grant ? T["Granted {0}.", role] : T["Removed {0}.", role];
        return RedirectToPage(new { id = Id });
    }

    public Task<IActionResult> OnPostDisableAsync([FromServices] SetAccountDisabledHandler setDisabled, CancellationToken cancellationToken) =>
        SetDisabledAsync(setDisabled, true, cancellationToken);

    public Task<IActionResult> OnPostEnableAsync([FromServices] SetAccountDisabledHandler setDisabled, CancellationToken cancellationToken) =>
        SetDisabledAsync(setDisabled, false, cancellationToken);

    private async Task<IActionResult> SetDisabledAsync(SetAccountDisabledHandler setDisabled, bool disabled, CancellationToken cancellationToken)
    {
        var result = await setDisabled.HandleAsync(Id, disabled, CurrentSession.Actor(HttpContext), CurrentSession.Audit(HttpContext), cancellationToken);
        if (!result.Succeeded)
        {
            return await FailAsync(result.Failure, cancellationToken);
        }

        Message = disabled ? T["The account is disabled and its sessions have ended."] : T["The account is enabled."];
        return RedirectToPage(new { id = Id });
    }

    private async Task<IActionResult> FailAsync(Failure failure, CancellationToken cancellationToken)
    {
        if (failure.Code == ErrorCodes.NotFound)
        {
            return NotFound();
        }

        if (failure.Code == ErrorCodes.Forbidden)
        {
            return Forbid();
        }

        Error = T.Describe(failure);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        if (failure.Code == ErrorCodes.StepUpRequired)
        {
            StepUpNeeded = true;
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }

        return await RenderAsync(cancellationToken);
    }

    private async Task<IActionResult> RenderAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ?? Page();

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        var actor = CurrentSession.Actor(HttpContext);
        var result = await details.HandleAsync(Id, actor, cancellationToken);
        if (!result.Succeeded)
        {
            // 403 for an account outside the actor's domains, as the API answers (docs/decisions.md); 404 only when none exists.
            return result.Failure.Code == ErrorCodes.Forbidden ? Forbid() : NotFound();
        }

        Details = result.Value;
        Tokens = await HttpContext.RequestServices.GetRequiredService<ListApiTokensHandler>().HandleAsync(Id, cancellationToken);
        TwoFactor = await HttpContext.RequestServices.GetRequiredService<Core.TwoFactor.GetTwoFactorStatusHandler>().HandleAsync(Id, cancellationToken);
        CanDisable = AccessPolicy.CanActInDomain(actor, Details.Account.Domain, AdminAction.Disable) is null;
        CanGrant = AccessPolicy.CanActInDomain(actor, Details.Account.Domain, AdminAction.Create) is null
            && AccessPolicy.CanGrant(actor, Role.Operator, Details.Account.Domain) is null;
        return null;
    }
}
