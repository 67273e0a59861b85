using Latchkey.Browser.Tests.Infrastructure;
using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Latchkey.Core.TwoFactor;
using Latchkey.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Latchkey.Browser.Tests.TwoFactor;

/// <summary>
/// Passkeys as a person uses them in Chromium, with Chromium's virtual authenticator (CDP WebAuthn domain; internal
/// transport, resident keys, user verification). The server's public URL is http://localhost:port (a secure context,
/// and a valid relying party id, which an IP address is not), so the browser signs for the origin Latchkey expects.
/// </summary>
public sealed class PasskeyBrowserTests(Chromium chromium) : IClassFixture<Chromium>
{
    private const string Password = "Valid-Pass1";

    [Fact]
    public async Task AddOnSecurityPage_ThenSecondStepAndPasswordlessSignIn()
    {
        var port = FreePorts.Next();
        var baseUrl = $"http://localhost:{port}";
        using var server = new LiveServer(new() { ["Latchkey:PublicUrl"] = baseUrl }, port);
        await server.CreateAccountAsync("pia@example.com", Password);
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await AddVirtualAuthenticatorAsync(context, page);
        await BrowserSignIn.SignInAsync(page, baseUrl, "pia@example.com", Password);

        await page.GotoAsync(baseUrl + "/account/security");
        await page.GetByLabel("Passkey name").FillAsync("Test laptop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await Assertions.Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
        await Assertions.Expect(page.Locator("table.passkeys")).ToContainTextAsync("Test laptop");

        await SignOutAsync(page);
        await page.GetByLabel("Email").FillAsync("pia@example.com");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/login/two-factor**", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Assertions.Expect(page.GetByLabel("Code from your authenticator app", new() { Exact = true })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Use your passkey" }).ClickAsync();
        await page.WaitForURLAsync(baseUrl + "/");

        await SignOutAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await page.WaitForURLAsync(baseUrl + "/");
        (await page.TextContentAsync("main"))!.ShouldContain("Signed in as pia@example.com");
        await page.GotoAsync(baseUrl + "/account/security");
        await Assertions.Expect(page.Locator("table.passkeys tbody tr td").Nth(2)).Not.ToHaveTextAsync("Never");
    }

    [Fact]
    public async Task PasskeyOnlyAccount_RenamesItsPasskey_ThenStepsUpWithItForAPasswordChange()
    {
        var port = FreePorts.Next();
        var baseUrl = $"http://localhost:{port}";
        using var server = new LiveServer(new() { ["Latchkey:PublicUrl"] = baseUrl, ["Latchkey:TwoFactor:StepUpWindow"] = "00:00:10" }, port);
        await server.CreateAccountAsync("paul@example.com", Password);
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await AddVirtualAuthenticatorAsync(context, page);
        await BrowserSignIn.SignInAsync(page, baseUrl, "paul@example.com", Password);
        await page.GotoAsync(baseUrl + "/account/security");
        await page.GetByLabel("Passkey name").FillAsync("Test laptop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await Assertions.Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(10);

        await page.GetByLabel("New name for passkey Test laptop").FillAsync("Work laptop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rename passkey Test laptop" }).ClickAsync();
        await Assertions.Expect(page.Locator("table.passkeys tbody td").First).ToHaveTextAsync("Work laptop");
        await Task.Delay(TimeSpan.FromSeconds(11));

        await page.GotoAsync(baseUrl + "/account/password");
        await FillPasswordFormAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Update password" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Code from your authenticator app, or a recovery code")).ToBeVisibleAsync();
        await FillPasswordFormAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Use a passkey" }).ClickAsync();

        await page.WaitForURLAsync("**/account/password?changed=true");
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
        (await db.AuditEvents.AsNoTracking().Where(e => e.Type == AuditEventTypes.StepUp && e.TargetEmail == "paul@example.com").Select(e => e.Detail).ToListAsync())
            .ShouldBe([SecondFactorMethod.Passkey]);
        (await db.AuditEvents.AsNoTracking().CountAsync(e => e.Type == AuditEventTypes.PasswordChanged && e.TargetEmail == "paul@example.com")).ShouldBe(1);
    }

    private static async Task FillPasswordFormAsync(IPage page)
    {
        await page.GetByLabel("Current password").FillAsync(Password);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("Brand-New-Pass-42");
        await page.GetByLabel("Confirm new password").FillAsync("Brand-New-Pass-42");
    }

    private static async Task AddVirtualAuthenticatorAsync(IBrowserContext context, IPage page)
    {
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
    }

    private static async Task SignOutAsync(IPage page)
    {
        await page.Locator(".user-menu summary").ClickAsync();
        await page.Locator(".user-menu").GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/login");
    }
}
