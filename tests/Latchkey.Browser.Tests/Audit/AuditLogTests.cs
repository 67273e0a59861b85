using Latchkey.Browser.Tests.Infrastructure;
using Latchkey.Core.Data;
using Microsoft.Playwright;

namespace Latchkey.Browser.Tests.Audit;

public sealed class AuditLogTests(Chromium chromium) : IClassFixture<Chromium>
{
    private const string Password = "Strong-Pass-42";

    [Fact]
    public async Task Administrator_OpensTheAuditLogFromTheMenu_SeesTheirOwnSignIn()
    {
        using var server = new LiveServer();
        await server.CreateAccountAsync("auditor@example.com", Password, Role.Administrator);
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserSignIn.SignInAsync(page, server.BaseUrl, "auditor@example.com", Password);

        await page.Locator("header nav").GetByRole(AriaRole.Link, new() { Name = "Audit" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/audit");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit log" })).ToBeVisibleAsync();
        var signIn = page.Locator("table.audit tbody tr[data-type='sign_in'][data-outcome='success']");
        await Assertions.Expect(signIn).ToHaveCountAsync(1);
        await Assertions.Expect(signIn).ToContainTextAsync("auditor@example.com");
        await Assertions.Expect(signIn).ToContainTextAsync("127.0.0.1");

        await page.GetByLabel("Event type").SelectOptionAsync("account_created");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/audit?**type=account_created**");
        await Assertions.Expect(page.Locator("table.audit tbody tr")).ToHaveCountAsync(1);
    }
}
