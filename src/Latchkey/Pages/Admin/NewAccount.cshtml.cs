using Latchkey.Core.Access;
using Latchkey.Core.Accounts;
using Latchkey.Core.Data;
using Latchkey.Http;
using Latchkey.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Latchkey.Pages.Admin;

/// <summary>Creates an account with a typed or generated password, within what the actor may create and grant.</summary>
public sealed class NewAccountModel(CreateAccountHandler create) : PageModel
{
    private Microsoft.Extensions.Localization.IStringLocalizer<Latchkey.Localization.Text> T => Latchkey.Localization.PageText.Of(HttpContext);

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string Role { get; set; } = nameof(Core.Data.Role.User);

    [BindProperty(SupportsGet = true)]
    public string? Domain { get; set; }

    [BindProperty]
    public bool Mailbox { get; set; } = true;

    [BindProperty]
    public string? Password { get; set; }

    public string? Error { get; private set; }

    public string? GeneratedPassword { get; private set; }

    public string? CreatedEmail { get; private set; }

    public Guid CreatedId { get; private set; }

    /// <summary>Navigation only: the form is for helpdesk staff; <see cref="CreateAccountHandler"/> decides when it is sent.</summary>
    public IActionResult OnGet() => AccessPolicy.CanDo(CurrentSession.Actor(HttpContext), AdminAction.ListAccounts) is null ? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<Role>(Role, out var role) || !Enum.IsDefined(role))
        {
            Error = T["Choose a role."];
            return Page();
        }

        var generate = string.IsNullOrEmpty(Password);
        var result = await create.HandleAsync(
            new CreateAccountCommand(Email ?? "", role, string.IsNullOrWhiteSpace(Domain) ? null : Domain, Mailbox, generate ? null : Password, generate),
            CurrentSession.Actor(HttpContext), CurrentSession.Audit(HttpContext), cancellationToken);
        if (!result.Succeeded)
        {
            Error = T.Describe(result.Failure);
            Response.StatusCode = result.Failure.Code == Core.Common.ErrorCodes.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;
            return Page();
        }

        if (!generate)
        {
            return Redirect($"/admin/accounts/{result.Value.Account.Id}");
        }

        GeneratedPassword = result.Value.GeneratedPassword;
        CreatedEmail = result.Value.Account.Email;
        CreatedId = result.Value.Account.Id;
        return Page();
    }
}
