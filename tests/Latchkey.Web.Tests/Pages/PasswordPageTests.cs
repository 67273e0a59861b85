using System.Net;
using Latchkey.Tests.Infrastructure;
using Latchkey.Web.Tests.Infrastructure;

namespace Latchkey.Web.Tests.Pages;

/// <summary>The change-password page without JavaScript: labels, server-side messages per field, confirmation.</summary>
public sealed class PasswordPageTests(LatchkeyWebFactory factory) : IClassFixture<LatchkeyWebFactory>
{
    private const string Old = "Old-Pass-111";
    private const string New = "New-Pass-222";

    [Fact]
    public async Task Get_HasTheLabelledFieldsCheckboxButtonAndChecklist()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Old);
        using var client = await factory.SignedInClientAsync(account.Email!, Old);

        var page = await HtmlForms.ParseAsync(await client.GetAsync("/account/password"));

        HtmlForms.LabelFor(page, "CurrentPassword").ShouldBe("Current password");
        HtmlForms.LabelFor(page, "NewPassword").ShouldBe("New password");
        HtmlForms.LabelFor(page, "ConfirmPassword").ShouldBe("Confirm new password");
        HtmlForms.LabelFor(page, "SignOutEverywhere").ShouldBe("Log me out everywhere, including here");
        page.QuerySelector("main form button[type=submit]")!.TextContent.Trim().ShouldBe("Update password");
        page.QuerySelectorAll("#password-rules li").Select(li => li.GetAttribute("data-rule")).ShouldBe(Core.Passwords.PasswordPolicy.Default.EnforcedRules());
        page.QuerySelector(".user-menu a[href='/account/password']")!.TextContent.ShouldBe("Change password");
    }

    [Fact]
    public async Task Post_WrongCurrentAndMismatch_MessagesNextToTheFields()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Old);
        using var client = await factory.SignedInClientAsync(account.Email!, Old);
        var page = await HtmlForms.ParseAsync(await client.GetAsync("/account/password"));

        var wrong = await HtmlForms.ParseAsync(await HtmlForms.SubmitAsync(client, page, Fields("Wrong-Pass-1", New, New)));
        var mismatch = await HtmlForms.ParseAsync(await HtmlForms.SubmitAsync(client, page, Fields(Old, New, New + "x")));

        wrong.QuerySelector("#current-password-error")!.TextContent.ShouldBe("The current password is not correct.");
        wrong.QuerySelector("#current-password")!.GetAttribute("aria-invalid").ShouldBe("true");
        mismatch.QuerySelector("#confirm-password-error")!.TextContent.ShouldBe("The new password and its confirmation do not match.");
    }

    [Fact]
    public async Task Post_RuleBroken_ChecklistMarksEachRule()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Old);
        using var client = await factory.SignedInClientAsync(account.Email!, Old);
        var page = await HtmlForms.ParseAsync(await client.GetAsync("/account/password"));

        var response = await HtmlForms.SubmitAsync(client, page, Fields(Old, "nouppercase1!", "nouppercase1!"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var result = await HtmlForms.ParseAsync(response);
        result.QuerySelector("#rule-require_upper")!.GetAttribute("data-met").ShouldBe("false");
        result.QuerySelector("#rule-min_length")!.GetAttribute("data-met").ShouldBe("true");
        result.QuerySelector("#new-password-error")!.TextContent.ShouldContain("An upper-case letter");
    }

    [Fact]
    public async Task Post_Valid_ConfirmsAndSaysToUpdateDevices()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Old);
        using var client = await factory.SignedInClientAsync(account.Email!, Old);
        var page = await HtmlForms.ParseAsync(await client.GetAsync("/account/password"));

        var response = await HtmlForms.SubmitAsync(client, page, Fields(Old, New, New));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var confirmation = await HtmlForms.ParseAsync(await client.GetAsync(response.Headers.Location));
        var text = confirmation.QuerySelector("#password-changed")!.TextContent;
        text.ShouldContain("Your password has been changed.");
        text.ShouldContain("Update the password on every device and mail client");
    }

    [Fact]
    public async Task Post_LogMeOutEverywhere_LandsOnLoginSignedOut()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Old);
        using var client = await factory.SignedInClientAsync(account.Email!, Old);
        var page = await HtmlForms.ParseAsync(await client.GetAsync("/account/password"));
        var fields = Fields(Old, New, New);
        fields["SignOutEverywhere"] = "true";

        var response = await HtmlForms.SubmitAsync(client, page, fields);

        response.Headers.Location!.ToString().ShouldBe("/login?signedOut=password-changed");
        (await client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var login = await HtmlForms.ParseAsync(await client.GetAsync(response.Headers.Location));
        login.QuerySelector("[role=status]")!.TextContent.ShouldContain("signed out everywhere");
    }

    private static Dictionary<string, string> Fields(string current, string next, string confirm) => new()
    {
        ["CurrentPassword"] = current,
        ["NewPassword"] = next,
        ["ConfirmPassword"] = confirm,
    };
}
