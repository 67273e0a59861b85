using Latchkey.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Latchkey.Browser.Tests.Passwords;

public sealed class ChangePasswordFormTests(Chromium chromium) : IClassFixture<Chromium>
{
    private const string Old = "Old-Pass-111";

    [Fact]
    public async Task TypingTicksTheChecklistShowsMismatchAndSucceeds()
    {
        using var server = new LiveServer();
        await server.CreateAccountAsync("walt@example.com", Old);
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserSignIn.SignInAsync(page, server.BaseUrl, "walt@example.com", Old);

        await page.Locator(".user-menu summary").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Change password" }).ClickAsync();
        await page.WaitForURLAsync("**/account/password");
        var minLength = page.Locator("#rule-min_length");
        var upper = page.Locator("#rule-require_upper");
        var special = page.Locator("#rule-require_special");

        await page.GetByLabel("New password", new() { Exact = true }).PressSequentiallyAsync("short");
        await Assertions.Expect(minLength).ToHaveAttributeAsync("data-met", "false");
        await Assertions.Expect(upper).ToHaveAttributeAsync("data-met", "false");

        await page.GetByLabel("New password", new() { Exact = true }).PressSequentiallyAsync("Enough-9");
        await Assertions.Expect(minLength).ToHaveAttributeAsync("data-met", "true");
        await Assertions.Expect(upper).ToHaveAttributeAsync("data-met", "true");
        await Assertions.Expect(special).ToHaveAttributeAsync("data-met", "true");
        await Assertions.Expect(page.Locator("#strength-meter")).ToBeVisibleAsync();

        await page.GetByLabel("Confirm new password").FillAsync("shortEnough-8");
        await Assertions.Expect(page.Locator("#confirm-password-error")).ToHaveTextAsync("The new password and its confirmation do not match.");
        await page.GetByLabel("Confirm new password").FillAsync("shortEnough-9");
        await Assertions.Expect(page.Locator("#confirm-password-error")).ToHaveTextAsync("");

        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).First.ClickAsync();
        await Assertions.Expect(page.GetByLabel("Current password")).ToHaveAttributeAsync("type", "text");
        await page.GetByLabel("Current password").FillAsync(Old);
        await page.GetByRole(AriaRole.Button, new() { Name = "Update password" }).ClickAsync();

        await Assertions.Expect(page.Locator("#password-changed")).ToContainTextAsync("Your password has been changed.");
        await Assertions.Expect(page.Locator("#password-changed")).ToContainTextAsync("every device and mail client");
    }

    [Fact]
    public async Task LogMeOutEverywhere_LandsOnLogin()
    {
        using var server = new LiveServer();
        await server.CreateAccountAsync("vera@example.com", Old);
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserSignIn.SignInAsync(page, server.BaseUrl, "vera@example.com", Old);
        await page.GotoAsync(server.BaseUrl + "/account/password");

        await page.GetByLabel("Current password").FillAsync(Old);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("Brand-New-Pass-7");
        await page.GetByLabel("Confirm new password").FillAsync("Brand-New-Pass-7");
        await page.GetByLabel("Log me out everywhere, including here").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Update password" }).ClickAsync();

        await page.WaitForURLAsync("**/login?signedOut=password-changed");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("signed out everywhere");
    }
}
