using Latchkey.Core.Access;
using Latchkey.Core.Common;
using Latchkey.Core.Domains;
using Latchkey.Core.Passwords;
using Latchkey.Http;
using Latchkey.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Latchkey.Pages.Admin;

/// <summary>The domain's password policy editor: the global policy, the NIST preset, or rule by rule, with a preview.</summary>
public sealed class DomainPolicyModel(GetDomainPolicyHandler getPolicy, SetDomainPolicyHandler setPolicy) : PageModel
{
    private Microsoft.Extensions.Localization.IStringLocalizer<Latchkey.Localization.Text> T => Latchkey.Localization.PageText.Of(HttpContext);

    [BindProperty(SupportsGet = true)]
    public string Name { get; set; } = "";

    [BindProperty]
    public string Preset { get; set; } = "custom";

    [BindProperty]
    public int MinLength { get; set; }

    [BindProperty]
    public int MaxLength { get; set; }

    [BindProperty]
    public bool RequireUpper { get; set; }

    [BindProperty]
    public bool RequireLower { get; set; }

    [BindProperty]
    public bool RequireDigit { get; set; }

    [BindProperty]
    public bool RequireSpecial { get; set; }

    [BindProperty]
    public bool NotUsername { get; set; }

    [BindProperty]
    public int History { get; set; }

    [BindProperty]
    public bool Blocklist { get; set; }

    [TempData]
    public string? Message { get; set; }

    public string? Error { get; private set; }

    public DomainPolicy Current { get; private set; } = null!;

    /// <summary>Operators read the policy but may not change it: the form is not offered to them.</summary>
    public bool CanEdit => AccessPolicy.CanActInDomain(CurrentSession.Actor(HttpContext), Name, AdminAction.EditPolicy) is null;

    public IReadOnlyList<(string Id, string Text)> Preview =>
        [.. Current.Policy.EnforcedRules().Select(id => (id, PasswordRuleTexts.Describe(id, Current.Policy)))];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var result = await getPolicy.HandleAsync(Name, CurrentSession.Actor(HttpContext), cancellationToken);
        if (!result.Succeeded)
        {
            return NotFound();
        }

        Current = result.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var policy = Preset switch
        {
            "global" => null,
            PasswordPolicy.NistPresetName => PasswordPolicy.Nist80063B,
            _ => new PasswordPolicy
            {
                MinLength = MinLength,
                MaxLength = MaxLength,
                RequireUpper = RequireUpper,
                RequireLower = RequireLower,
                RequireDigit = RequireDigit,
                RequireSpecial = RequireSpecial,
                NotUsername = NotUsername,
                History = History,
                Blocklist = Blocklist,
            },
        };
        var result = await setPolicy.HandleAsync(Name, policy, CurrentSession.Actor(HttpContext), CurrentSession.Audit(HttpContext), cancellationToken);
        if (!result.Succeeded)
        {
            switch (result.Failure.Code)
            {
                case ErrorCodes.NotFound:
                    return NotFound();
                case ErrorCodes.Forbidden:
                    return Forbid();
            }

            var current = await getPolicy.HandleAsync(Name, CurrentSession.Actor(HttpContext), cancellationToken);
            Current = current.Value!;
            Error = T.Describe(result.Failure);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Message = result.Value.Own ? T["Saved the domain's own policy."] : T["The domain now uses the global policy."];
        return RedirectToPage(new { name = Name });
    }
}
