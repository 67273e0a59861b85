using Microsoft.Playwright;

namespace Latchkey.Browser.Tests.Infrastructure;

public static class BrowserSignIn
{
    /// <summary>Signs in through /login as a person would, and waits for the home page.</summary>
    public static async Task SignInAsync(IPage page, string baseUrl, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(baseUrl + "/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(baseUrl + "/");
    }
}
