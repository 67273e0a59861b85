using Latchkey.Core.Accounts;
using Latchkey.Core.Lockout;
using Latchkey.Core.Mailboxes;
using Latchkey.Core.Sessions;
using Latchkey.Core.TwoFactor;
using Latchkey.Http;
using Latchkey.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Latchkey.Pages.Account;

/// <summary>
/// The account's sessions, each with its own Sign out, and "Log out of all devices"; the devices still using the
/// previous password; and, for a mailbox, its app passwords (created here, shown once, revoked one by one).
/// </summary>
public sealed partial class SecurityModel(
    ListSessionsHandler list,
    SignOutHandler signOut,
    RevokeAllSessionsHandler revokeAll,
    IOptions<LatchkeySessionOptions> options) : PageModel
{
    private Microsoft.Extensions.Localization.IStringLocalizer<Latchkey.Localization.Text> T => Latchkey.Localization.PageText.Of(HttpContext);

    public IReadOnlyList<SessionView> Sessions { get; private set; } = [];

    public IReadOnlyList<StaleDeviceView> StaleDevices { get; private set; } = [];

    public IReadOnlyList<AppPasswordView> AppPasswords { get; private set; } = [];

    public bool MailboxAccess { get; private set; }

    /// <summary>A just-created app password: rendered in this answer only, never stored or redirected with.</summary>
    public CreatedAppPassword? NewAppPassword { get; private set; }

    public string? AppPasswordError { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync([FromServices] StaleDevices staleDevices, [FromServices] ListAppPasswordsHandler appPasswords, CancellationToken cancellationToken)
    {
        await LoadAsync(staleDevices, appPasswords, cancellationToken);
        await LoadTwoFactorAsync(cancellationToken);
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

        Message = T["That session has been signed out."];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostSignOutOthersAsync(CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(HttpContext);
        var ended = await revokeAll.HandleAsync(session.AccountId, session.SessionId, CurrentSession.Actor(HttpContext), CurrentSession.Audit(HttpContext), cancellationToken);
        Message = T["Other sessions signed out: {0}.", ended.Value];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostLogOutAllAsync(CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(HttpContext);
        await revokeAll.HandleAsync(session.AccountId, null, CurrentSession.Actor(HttpContext), CurrentSession.Audit(HttpContext), cancellationToken);
        SessionCookie.Delete(HttpContext, options.Value);
        return Redirect("/login?signedOut=everywhere");
    }

    public async Task<IActionResult> OnPostCreateAppPasswordAsync(
        string? name,
        string? stepUpCode,
        [FromServices] VerifyStepUpHandler stepUp,
        [FromServices] CreateAppPasswordHandler create,
        [FromServices] StaleDevices staleDevices,
        [FromServices] ListAppPasswordsHandler appPasswords,
        CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(HttpContext);
        var stepUpFailed = await StepUpForm.VerifyAsync(HttpContext, stepUpCode, stepUp, cancellationToken);
        var result = stepUpFailed is null
            ? await create.HandleAsync(session.AccountId, session.SessionId, name, CurrentSession.Audit(HttpContext), cancellationToken)
            : Core.Common.Result<CreatedAppPassword>.Fail(new Core.Common.Failure(Core.Common.ErrorCodes.StepUpRequired, stepUpFailed.Message));
        if (result.Succeeded)
        {
            NewAppPassword = result.Value;
        }
        else if (result.Failure.Code == Core.Common.ErrorCodes.StepUpRequired)
        {
            StepUpFor = "CreateAppPassword";
            StepUpError = stepUpFailed is null ? null : T.Describe(stepUpFailed);
            PendingAppPasswordName = name;
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }
        else
        {
            AppPasswordError = T.Describe(result.Failure);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        await LoadAsync(staleDevices, appPasswords, cancellationToken);
        await LoadTwoFactorAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAppPasswordAsync(Guid appPasswordId, [FromServices] RevokeAppPasswordHandler revoke, CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(HttpContext);
        Message = await revoke.HandleAsync(session.AccountId, appPasswordId, CurrentSession.Audit(HttpContext), cancellationToken)
            ? T["The app password has been revoked. Mail apps using it can no longer sign in."]
            : T["That app password was already revoked."];
        return RedirectToPage();
    }

    private async Task LoadAsync(StaleDevices staleDevices, ListAppPasswordsHandler appPasswords, CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(HttpContext);
        Sessions = await list.HandleAsync(session.AccountId, session.SessionId, cancellationToken);
        StaleDevices = await staleDevices.ListAsync(session.AccountId, cancellationToken);
        MailboxAccess = session.Account.MailboxAccess;
        AppPasswords = MailboxAccess ? await appPasswords.HandleAsync(session.AccountId, cancellationToken) : [];
    }
}
