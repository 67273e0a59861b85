using Latchkey.Browser.Tests.Infrastructure;
using Latchkey.Core.Data;
using Microsoft.Playwright;

namespace Latchkey.Browser.Tests.Admin;

public sealed class HelpdeskResetTests(Chromium chromium) : IClassFixture<Chromium>
{
    private const string Password = "Valid-Pass1";

    [Fact]
    public async Task OperatorGeneratesCopiesAndSaves_UsersSessionEndsNewPasswordWorks()
    {
        using var server = new LiveServer();
        await server.CreateAccountAsync("helpdesk@corp.example", Password, Role.Operator, "mail.example");
        await server.CreateAccountAsync("other-op@corp.example", Password, Role.Operator, "other.example");
        await server.CreateAccountAsync("mia@mail.example", Password);
        await server.CreateAccountAsync("noah@other.example", Password);
        await using var userContext = await chromium.Browser.NewContextAsync();
        var userPage = await userContext.NewPageAsync();
        await BrowserSignIn.SignInAsync(userPage, server.BaseUrl, "mia@mail.example", Password);
        await using var operatorContext = await chromium.Browser.NewContextAsync(new() { Permissions = ["clipboard-read", "clipboard-write"] });
        var page = await operatorContext.NewPageAsync();
        await BrowserSignIn.SignInAsync(page, server.BaseUrl, "helpdesk@corp.example", Password);

        await page.Locator(".user-menu summary").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Accounts" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/accounts**");
        var picker = page.GetByLabel("Select domain");
        (await picker.Locator("option").AllTextContentsAsync()).ShouldBe(["mail.example"]);
        await picker.SelectOptionAsync("mail.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Assertions.Expect(page.Locator("table.accounts")).Not.ToContainTextAsync("noah@other.example");
        await page.GetByRole(AriaRole.Link, new() { Name = "mia@mail.example" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "mia@mail.example" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Generate" }).ClickAsync();
        var field = page.GetByLabel("New password");
        await Assertions.Expect(field).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^.{20}$"));
        var generated = await field.InputValueAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy" }).ClickAsync();
        await Assertions.Expect(page.Locator("#copy-status")).ToHaveTextAsync("Copied to the clipboard.");
        (await page.EvaluateAsync<string>("() => navigator.clipboard.readText()")).ShouldBe(generated);
        await Assertions.Expect(page.GetByLabel("End the user's sessions and mail connections when saving")).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save password" }).ClickAsync();
        await Assertions.Expect(page.Locator("#admin-message")).ToContainTextAsync("signed out of all devices");

        await userPage.ReloadAsync();
        await userPage.WaitForURLAsync("**/login?returnUrl=%2F");
        await BrowserSignIn.SignInAsync(userPage, server.BaseUrl, "mia@mail.example", generated);
        await Assertions.Expect(userPage.Locator("main")).ToContainTextAsync("Signed in as mia@mail.example");
    }
}
