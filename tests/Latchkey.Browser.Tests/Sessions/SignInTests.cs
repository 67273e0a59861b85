using Latchkey.Browser.Tests.Infrastructure;
using Latchkey.Core.Data;
using Microsoft.Playwright;

namespace Latchkey.Browser.Tests.Sessions;

public sealed class SignInTests(Chromium chromium) : IClassFixture<Chromium>
{
    [Fact]
    public async Task Administrator_SignsInThroughThePageAndSignsOutFromTheMenu()
    {
        using var server = new LiveServer();
        await server.CreateAccountAsync("admin@example.com", "Strong-Pass-42", Role.Administrator);
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(server.BaseUrl + "/");
        await page.WaitForURLAsync("**/login?returnUrl=%2F");
        await page.GetByLabel("Email").FillAsync("admin@example.com");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("Strong-Pass-42");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        await page.WaitForURLAsync(server.BaseUrl + "/");
        (await page.TextContentAsync("main"))!.ShouldContain("Signed in as admin@example.com");
        await page.Locator(".user-menu summary").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/login");
        await page.GotoAsync(server.BaseUrl + "/");
        await page.WaitForURLAsync("**/login?returnUrl=%2F");
    }

    [Fact]
    public async Task WrongPassword_ShowsTheErrorOnThePage()
    {
        using var server = new LiveServer();
        await server.CreateAccountAsync("user@example.com", "Strong-Pass-42");
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(server.BaseUrl + "/login");
        await page.GetByLabel("Email").FillAsync("user@example.com");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("Wrong-Pass-42");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        (await page.GetByRole(AriaRole.Alert).TextContentAsync())!.ShouldContain("not correct");
    }
}
