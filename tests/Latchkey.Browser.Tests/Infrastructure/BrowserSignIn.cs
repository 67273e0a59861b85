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
        try
        {
            await page.WaitForURLAsync(baseUrl + "/");
        }
        catch (TimeoutException timeout)
        {
            // Seen once in a full run (an operator's sign-in on PostgreSQL never reached the home page): say where the
            // browser stands and what it shows, so the next failure explains itself.
            var shown = await page.Locator("body").InnerTextAsync(new() { Timeout = 5_000 });
            throw new TimeoutException($"The sign-in of {email} did not reach {baseUrl}/: the browser is at {page.Url}, showing:\n{shown}", timeout);
        }
    }
}
