using Latchkey.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Latchkey.Browser.Tests.Localization;

/// <summary>
/// The change-password flow in each language, as a person walks it: choose the language, open Change password,
/// Generate (both fields filled, every rule ticked, Copy offered), log out everywhere, and read on the sign-in page,
/// still in that language, that mail clients need the new password; then sign in with the generated one.
/// </summary>
public sealed class LocalizedPasswordFlowTests(Chromium chromium) : IClassFixture<Chromium>
{
    private const string Old = "Old-Pass-111";

    public static TheoryData<string, string, string, string> Languages => new()
    {
        { "en", "Change password", "Your password was changed", "mail client" },
        { "de", "Passwort ändern", "Ihr Passwort wurde geändert", "E-Mail-Programm" },
        { "fr", "Changer le mot de passe", "Votre mot de passe a été modifié", "logiciel de messagerie" },
        { "ru", "Сменить пароль", "Ваш пароль изменён", "почтовых программах" },
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task ChangePassword_WithGenerate_InEachLanguage(string language, string heading, string signedOut, string mailClients)
    {
        using var server = new LiveServer();
        var email = $"flow-{language}@example.com";
        await server.CreateAccountAsync(email, Old);
        await using var context = await chromium.Browser.NewContextAsync();
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = server.BaseUrl });
        var page = await context.NewPageAsync();
        await BrowserSignIn.SignInAsync(page, server.BaseUrl, email, Old);

        await page.Locator(".user-menu summary").ClickAsync();
        await page.Locator(".user-menu a[href='/account/language']").ClickAsync();
        await page.Locator($"input[name='Language'][value='{language}']").CheckAsync();
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#language-saved")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);

        await page.Locator(".user-menu summary").ClickAsync();
        await page.Locator(".user-menu a[href='/account/password']").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(heading);
        await page.Locator("#generate").ClickAsync();
        var newPassword = page.Locator("#new-password");
        await Assertions.Expect(newPassword).Not.ToHaveValueAsync("");
        var generated = await newPassword.InputValueAsync();
        await Assertions.Expect(page.Locator("#confirm-password")).ToHaveValueAsync(generated);
        await Assertions.Expect(newPassword).ToHaveAttributeAsync("type", "text");
        // Every rule the live check can judge; "not one of your last N passwords" is judged by the server on submit.
        var rules = page.Locator("#password-rules li:not([data-rule='history'])");
        for (var i = 0; i < await rules.CountAsync(); i++)
        {
            await Assertions.Expect(rules.Nth(i)).ToHaveAttributeAsync("data-met", "true");
        }

        await page.Locator("#copy").ClickAsync();
        (await page.EvaluateAsync<string>("navigator.clipboard.readText()")).ShouldBe(generated);
        await page.Locator("#current-password").FillAsync(Old);
        await page.Locator("#sign-out-everywhere").CheckAsync();
        await page.Locator("form[data-password-form] button[type=submit]").ClickAsync();

        await page.WaitForURLAsync("**/login?signedOut=password-changed");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await Assertions.Expect(page.Locator("#signed-out-notice")).ToContainTextAsync(signedOut);
        await Assertions.Expect(page.Locator("#signed-out-notice")).ToContainTextAsync(mailClients);
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(generated);
        await page.Locator("main form").First.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(server.BaseUrl + "/");
    }

    [Fact]
    public async Task ResetForm_Generate_FillsBothFieldsWithAPasswordForTheLinksAccount()
    {
        using var server = new LiveServer();
        await server.CreateAccountAsync("reset-gen@example.com", Old);
        var link = await ResetLinks.CreateAsync(server, "reset-gen@example.com");
        await using var context = await chromium.Browser.NewContextAsync(new() { Locale = "de-DE" });
        var page = await context.NewPageAsync();

        await page.GotoAsync(link);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        await page.Locator("#generate").ClickAsync();

        var newPassword = page.Locator("#new-password");
        await Assertions.Expect(newPassword).Not.ToHaveValueAsync("");
        var generated = await newPassword.InputValueAsync();
        await Assertions.Expect(page.Locator("#confirm-password")).ToHaveValueAsync(generated);
        await Assertions.Expect(page.Locator("#rule-min_length")).ToHaveAttributeAsync("data-met", "true");
        await Assertions.Expect(page.Locator("#rule-not_username")).ToHaveAttributeAsync("data-met", "true");
        await Assertions.Expect(page.Locator("#copy")).ToBeVisibleAsync();
        await page.Locator("form[data-password-form] button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/login?signedOut=password-reset");
        await Assertions.Expect(page.Locator("#signed-out-notice")).ToContainTextAsync("E-Mail-Programm");
    }
}
