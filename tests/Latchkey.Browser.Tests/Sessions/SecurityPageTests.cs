using Latchkey.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Latchkey.Browser.Tests.Sessions;

public sealed class SecurityPageTests(Chromium chromium) : IClassFixture<Chromium>
{
    private const string Password = "Valid-Pass1";

    [Fact]
    public async Task SignOutFromAnotherBrowsersSecurityPage_ThatBrowserIsSentToLogin()
    {
        using var server = new LiveServer();
        await server.CreateAccountAsync("nina@example.com", Password);
        await using var laptop = await chromium.Browser.NewContextAsync(new() { UserAgent = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0" });
        await using var phone = await chromium.Browser.NewContextAsync(new() { UserAgent = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1" });
        var laptopPage = await laptop.NewPageAsync();
        var phonePage = await phone.NewPageAsync();
        await BrowserSignIn.SignInAsync(phonePage, server.BaseUrl, "nina@example.com", Password);
        await BrowserSignIn.SignInAsync(laptopPage, server.BaseUrl, "nina@example.com", Password);

        await laptopPage.Locator(".user-menu summary").ClickAsync();
        await laptopPage.GetByRole(AriaRole.Link, new() { Name = "Security" }).ClickAsync();
        await laptopPage.WaitForURLAsync("**/account/security");
        var rows = laptopPage.Locator("table.sessions tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        var thisDevice = rows.Filter(new() { HasText = "This device" });
        await Assertions.Expect(thisDevice).ToContainTextAsync("Firefox on Linux");
        var phoneRow = rows.Filter(new() { HasText = "Safari on iPhone" });
        await phoneRow.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Assertions.Expect(laptopPage.GetByRole(AriaRole.Status)).ToContainTextAsync("That session has been signed out.");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await phonePage.ReloadAsync();
        await phonePage.WaitForURLAsync("**/login?returnUrl=%2F");
    }

    [Fact]
    public async Task LogOutOfAllDevices_EndsEveryBrowserIncludingThisOne()
    {
        using var server = new LiveServer();
        await server.CreateAccountAsync("otto@example.com", Password);
        await using var first = await chromium.Browser.NewContextAsync();
        await using var second = await chromium.Browser.NewContextAsync();
        var firstPage = await first.NewPageAsync();
        var secondPage = await second.NewPageAsync();
        await BrowserSignIn.SignInAsync(firstPage, server.BaseUrl, "otto@example.com", Password);
        await BrowserSignIn.SignInAsync(secondPage, server.BaseUrl, "otto@example.com", Password);

        await firstPage.GotoAsync(server.BaseUrl + "/account/security");
        await firstPage.GetByRole(AriaRole.Button, new() { Name = "Log out of all devices" }).ClickAsync();

        await firstPage.WaitForURLAsync("**/login?signedOut=everywhere");
        await secondPage.GotoAsync(server.BaseUrl + "/account/security");
        await secondPage.WaitForURLAsync("**/login?returnUrl=%2Faccount%2Fsecurity");
    }
}
