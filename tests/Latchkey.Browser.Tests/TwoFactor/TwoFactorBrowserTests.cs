using Latchkey.Browser.Tests.Infrastructure;
using Latchkey.Core.Access;
using Latchkey.Core.TwoFactor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OtpNet;

namespace Latchkey.Browser.Tests.TwoFactor;

/// <summary>
/// The second factor as a person uses it in Chromium: the test is the authenticator app, reading the key from the
/// page and computing codes (the current step to confirm, the next one to sign in or step up, so none is replayed).
/// </summary>
public sealed class TwoFactorBrowserTests(Chromium chromium) : IClassFixture<Chromium>
{
    private const string Password = "Valid-Pass1";

    [Fact]
    public async Task SetUpFromThePage_ThenSignInWithACodeAndWithARecoveryCode()
    {
        using var server = new LiveServer();
        await server.CreateAccountAsync("tess@example.com", Password);
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserSignIn.SignInAsync(page, server.BaseUrl, "tess@example.com", Password);

        var (secret, codes) = await SetUpAsync(page, server.BaseUrl);

        codes.Count.ShouldBe(10);
        await Assertions.Expect(page.Locator("#totp-status")).ToHaveTextAsync("On");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Download as a text file" })).ToHaveAttributeAsync("download", "latchkey-recovery-codes.txt");

        await using var second = await chromium.Browser.NewContextAsync();
        var withCode = await second.NewPageAsync();
        await SubmitPasswordAsync(withCode, server.BaseUrl, "tess@example.com");
        await withCode.GetByLabel("Code from your authenticator app", new() { Exact = true }).FillAsync(TotpCodes.Compute(secret, DateTimeOffset.UtcNow.AddSeconds(30)));
        await withCode.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await withCode.WaitForURLAsync(server.BaseUrl + "/");

        await using var third = await chromium.Browser.NewContextAsync();
        var withRecovery = await third.NewPageAsync();
        await SubmitPasswordAsync(withRecovery, server.BaseUrl, "tess@example.com");
        await withRecovery.GetByRole(AriaRole.Link, new() { Name = "Use a recovery code instead" }).ClickAsync();
        await withRecovery.GetByLabel("Recovery code").FillAsync(codes[0]);
        await withRecovery.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await withRecovery.WaitForURLAsync(server.BaseUrl + "/");
        await withRecovery.GotoAsync(server.BaseUrl + "/account/security");
        await Assertions.Expect(withRecovery.Locator("#recovery-codes-left")).ToHaveTextAsync("9");
    }

    [Fact]
    public async Task WrongCodeOnTheSecondPage_RefusedWithoutSession()
    {
        using var server = new LiveServer();
        await server.CreateAccountAsync("walt@example.com", Password);
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserSignIn.SignInAsync(page, server.BaseUrl, "walt@example.com", Password);
        var (secret, _) = await SetUpAsync(page, server.BaseUrl);
        await using var other = await chromium.Browser.NewContextAsync();
        var login = await other.NewPageAsync();
        await SubmitPasswordAsync(login, server.BaseUrl, "walt@example.com");

        var right = TotpCodes.Compute(secret, DateTimeOffset.UtcNow);
        await login.GetByLabel("Code from your authenticator app", new() { Exact = true }).FillAsync(right == "000000" ? "111111" : "000000");
        await login.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        await Assertions.Expect(login.GetByRole(AriaRole.Alert)).ToContainTextAsync("The code is not correct.");
        await login.GotoAsync(server.BaseUrl + "/account/security");
        await login.WaitForURLAsync("**/login?returnUrl=%2Faccount%2Fsecurity");
    }

    [Fact]
    public async Task PasswordChangeAfterTheStepUpWindow_AsksForACodeInPlace()
    {
        using var server = new LiveServer(new() { ["Latchkey:TwoFactor:StepUpWindow"] = "00:00:10" });
        await server.CreateAccountAsync("sven@example.com", Password);
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserSignIn.SignInAsync(page, server.BaseUrl, "sven@example.com", Password);
        var (secret, _) = await SetUpAsync(page, server.BaseUrl);
        await Task.Delay(TimeSpan.FromSeconds(11));

        await page.GotoAsync(server.BaseUrl + "/account/password");
        await FillPasswordFormAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Update password" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Code from your authenticator app, or a recovery code")).ToBeVisibleAsync();
        await FillPasswordFormAsync(page);
        await page.GetByLabel("Code from your authenticator app, or a recovery code").FillAsync(TotpCodes.Compute(secret, DateTimeOffset.UtcNow.AddSeconds(30)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Update password" }).ClickAsync();

        await page.WaitForURLAsync("**/account/password?changed=true");
    }

    [Fact]
    public async Task DomainRequiresSecondFactor_SignInLeadsToSetUpUntilDone()
    {
        using var server = new LiveServer();
        await server.CreateAccountAsync("rita@policy.example", Password);
        await using (var scope = server.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<SetTwoFactorPolicyHandler>()
                .HandleAsync(new TwoFactorDomainPolicy("policy.example", "everyone", 0, true), Actor.Console, Core.Audit.AuditContext.Cli)).Succeeded.ShouldBeTrue();
        }

        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await SubmitPasswordAsync(page, server.BaseUrl, "rita@policy.example");
        await page.WaitForURLAsync("**/account/security?setup=required");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).First).ToContainTextAsync("requires a second factor");
        await page.GotoAsync(server.BaseUrl + "/account/password");
        await page.WaitForURLAsync("**/account/security?setup=required");

        await SetUpAsync(page, server.BaseUrl);

        await page.GotoAsync(server.BaseUrl + "/account/password");
        await page.WaitForURLAsync("**/account/password");
    }

    private static async Task<(byte[] Secret, IReadOnlyList<string> Codes)> SetUpAsync(IPage page, string baseUrl)
    {
        await page.GotoAsync(baseUrl + "/account/security" + (page.Url.Contains("setup=required", StringComparison.Ordinal) ? "?setup=required" : ""));
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up authenticator app" }).ClickAsync();
        var key = (await page.Locator("#totp-key").TextContentAsync())!.Replace(" ", "", StringComparison.Ordinal);
        await Assertions.Expect(page.Locator(".qr svg")).ToBeVisibleAsync();
        var secret = Base32Encoding.ToBytes(key);
        await page.GetByLabel("Code from your authenticator app", new() { Exact = true }).FillAsync(TotpCodes.Compute(secret, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        await Assertions.Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
        var codes = await page.Locator("#recovery-codes li").AllTextContentsAsync();
        return (secret, [.. codes.Select(c => c.Trim())]);
    }

    private static async Task SubmitPasswordAsync(IPage page, string baseUrl, string email)
    {
        await page.GotoAsync(baseUrl + "/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    private static async Task FillPasswordFormAsync(IPage page)
    {
        await page.GetByLabel("Current password").FillAsync(Password);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("Brand-New-Pass-42");
        await page.GetByLabel("Confirm new password").FillAsync("Brand-New-Pass-42");
    }
}
