using Latchkey.Browser.Tests.Infrastructure;
using Latchkey.Core.Data;
using Microsoft.Playwright;

namespace Latchkey.Browser.Tests.Localization;

/// <summary>The panel's furniture: header links for staff, only the forms a role may use, a skip link, filters that apply on change.</summary>
public sealed class PanelTests(Chromium chromium) : IClassFixture<Chromium>
{
    private const string Password = "Valid-Pass1";

    [Fact]
    public async Task Operator_SeesAccountsAndDomainsInTheHeader_NotGrantRoleOrSavePolicy()
    {
        using var server = new LiveServer();
        await server.CreateAccountAsync("op@corp.example", Password, Role.Operator, "mail.example");
        var user = await server.CreateAccountAsync("amy@mail.example", Password);
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserSignIn.SignInAsync(page, server.BaseUrl, "op@corp.example", Password);

        var header = page.Locator("header nav");
        await Assertions.Expect(header.GetByRole(AriaRole.Link, new() { Name = "Accounts" })).ToBeVisibleAsync();
        await Assertions.Expect(header.GetByRole(AriaRole.Link, new() { Name = "Domains" })).ToBeVisibleAsync();
        await Assertions.Expect(header.GetByRole(AriaRole.Link, new() { Name = "Audit" })).ToHaveCountAsync(0);
        await page.GotoAsync($"{server.BaseUrl}/admin/accounts/{user.Id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Grant role" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("Log out of all devices", new() { Exact = true })).ToHaveCountAsync(1);
        await page.GotoAsync($"{server.BaseUrl}/admin/domains/mail.example/policy");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save policy" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#policy-read-only")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Administrator_SeesAuditAndGrantRoleAndSavePolicy()
    {
        using var server = new LiveServer();
        await server.CreateAccountAsync("boss@example.com", Password, Role.Administrator);
        var user = await server.CreateAccountAsync("ben@example.com", Password);
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserSignIn.SignInAsync(page, server.BaseUrl, "boss@example.com", Password);

        await page.Locator("header nav").GetByRole(AriaRole.Link, new() { Name = "Audit" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/audit");
        await page.GotoAsync($"{server.BaseUrl}/admin/accounts/{user.Id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Grant role" })).ToBeVisibleAsync();
        await page.GotoAsync($"{server.BaseUrl}/admin/domains/example.com/policy");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save policy" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SelectDomain_AppliesOnChange()
    {
        using var server = new LiveServer();
        await server.CreateAccountAsync("boss@example.com", Password, Role.Administrator);
        await server.CreateAccountAsync("kim@other.example", Password);
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserSignIn.SignInAsync(page, server.BaseUrl, "boss@example.com", Password);
        await page.GotoAsync(server.BaseUrl + "/admin/accounts");

        await page.GetByLabel("Select domain").SelectOptionAsync("other.example");

        await page.WaitForURLAsync("**/admin/accounts?domain=other.example*");
        await Assertions.Expect(page.Locator("table.accounts tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Apply" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SkipLink_IsTheFirstTabStop_AndMovesFocusToMain()
    {
        using var server = new LiveServer();
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(server.BaseUrl + "/forgot-password");

        await page.Keyboard.PressAsync("Tab");

        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" });
        await Assertions.Expect(skip).ToBeFocusedAsync();
        await Assertions.Expect(skip).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("main")).ToBeFocusedAsync();
    }
}
