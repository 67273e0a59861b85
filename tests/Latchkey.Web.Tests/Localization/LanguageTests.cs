using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Latchkey.Core.Data;
using Latchkey.Tests.Infrastructure;
using Latchkey.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Web.Tests.Localization;

public sealed class LanguageTests(LatchkeyWebFactory factory) : IClassFixture<LatchkeyWebFactory>
{
    private const string Password = "Valid-Pass1";

    [Fact]
    public async Task PutMyLanguage_De_StoredAndTheNextPageIsGerman()
    {
        var email = UniqueEmail.New();
        await factory.CreateAccountAsync(email, Password);
        using var client = await factory.SignedInClientAsync(email, Password);
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("language").GetString().ShouldBe("en");

        var response = await client.PutAsJsonAsync("/api/v1/me/language", new { language = "de" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("language").GetString().ShouldBe("de");
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("language").GetString().ShouldBe("de");
        var page = await HtmlForms.ParseAsync(await client.GetAsync("/account/password"));
        page.DocumentElement.GetAttribute("lang").ShouldBe("de");
        page.QuerySelector("h1")!.TextContent.ShouldBe("Passwort ändern");
        HtmlForms.LabelFor(page, "NewPassword").ShouldBe("Neues Passwort");
        await using var scope = factory.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().Users.SingleAsync(a => a.Email == email);
        stored.PreferredLanguage.ShouldBe("de");
    }

    [Theory]
    [InlineData("klingon")]
    [InlineData("")]
    [InlineData(null)]
    public async Task PutMyLanguage_NotOffered_400Validation(string? language)
    {
        var email = UniqueEmail.New();
        await factory.CreateAccountAsync(email, Password);
        using var client = await factory.SignedInClientAsync(email, Password);

        var response = await client.PutAsJsonAsync("/api/v1/me/language", new { language });

        var problem = await Problems.ReadAsync(response, "validation");
        problem.GetProperty("errors").TryGetProperty("language", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task TokensPage_RefusalWithAValue_ReadsInTheAccountsLanguageWithTheValue()
    {
        var email = UniqueEmail.New();
        await factory.CreateAccountAsync(email, Password);
        using var client = await factory.SignedInClientAsync(email, Password);
        (await client.PutAsJsonAsync("/api/v1/me/language", new { language = "de" })).EnsureSuccessStatusCode();
        var page = await HtmlForms.ParseAsync(await client.GetAsync("/account/tokens"));

        var refused = await HtmlForms.ParseAsync(await HtmlForms.SubmitAsync(
            client, page, new Dictionary<string, string> { ["name"] = "deploy", ["scopes"] = "account", ["expiresInDays"] = "4000" }, "form[action*='handler=Create']"));

        refused.QuerySelector(".alert.error")!.TextContent.ShouldBe("Ein Token läuft nach 1 bis 365 Tagen ab.");
    }

    [Fact]
    public async Task PutMyLanguage_Anonymous_401()
    {
        using var client = factory.CreateClient();

        var response = await client.PutAsJsonAsync("/api/v1/me/language", new { language = "de" });

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(null, null, "en", "Sign in")]
    [InlineData("fr-FR,fr;q=0.9", null, "fr", "Se connecter")]
    [InlineData("ru", null, "ru", "Войти")]
    [InlineData("de-AT", null, "de", "Anmelden")]
    [InlineData("fr", "ru", "ru", "Войти")]
    [InlineData("ja", null, "en", "Sign in")]
    public async Task Login_Anonymous_CookieThenAcceptLanguageThenEnglish(string? acceptLanguage, string? cookie, string lang, string heading)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/login");
        if (acceptLanguage is not null)
        {
            request.Headers.Add("Accept-Language", acceptLanguage);
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", "latchkey_language=" + cookie);
        }

        var page = await HtmlForms.ParseAsync(await client.SendAsync(request));

        page.DocumentElement.GetAttribute("lang").ShouldBe(lang);
        page.QuerySelector("h1")!.TextContent.ShouldBe(heading);
    }

    [Fact]
    public async Task LoginSwitcher_SetsTheCookie_AndTheAccountChoiceBeatsIt()
    {
        var email = UniqueEmail.New();
        await factory.CreateAccountAsync(email, Password);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        var login = await HtmlForms.ParseAsync(await client.GetAsync("/login"));

        await HtmlForms.SubmitAsync(client, login, new Dictionary<string, string> { ["language"] = "fr" }, "form.language-switcher");

        var french = await HtmlForms.ParseAsync(await client.GetAsync("/login"));
        french.DocumentElement.GetAttribute("lang").ShouldBe("fr");
        french.QuerySelector("button[value='fr']")!.GetAttribute("aria-pressed").ShouldBe("true");
        (await client.PostAsJsonAsync("/api/v1/session", new { email, password = Password })).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync("/api/v1/me/language", new { language = "ru" })).EnsureSuccessStatusCode();
        var home = await HtmlForms.ParseAsync(await client.GetAsync("/"));
        home.DocumentElement.GetAttribute("lang").ShouldBe("ru");
        home.QuerySelector("h1")!.TextContent.ShouldBe("Ваша учётная запись");
    }

    [Fact]
    public async Task LanguagePage_SaveGerman_SavedSetsCookieAndMenuHasLanguage()
    {
        var email = UniqueEmail.New();
        await factory.CreateAccountAsync(email, Password);
        using var client = await factory.SignedInClientAsync(email, Password);
        var page = await HtmlForms.ParseAsync(await client.GetAsync("/account/language"));
        page.QuerySelector(".user-menu a[href='/account/language']")!.TextContent.ShouldBe("Language");
        page.QuerySelectorAll("input[name='Language']").Select(i => i.GetAttribute("value") ?? "").ShouldBe(["en", "de", "fr", "ru"]);

        var response = await HtmlForms.SubmitAsync(client, page, new Dictionary<string, string> { ["Language"] = "de" });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith("latchkey_language=de", StringComparison.Ordinal));
        var saved = await HtmlForms.ParseAsync(await client.GetAsync(response.Headers.Location!.ToString()));
        saved.QuerySelector("#language-saved")!.TextContent.ShouldBe("Ihre Sprache wurde gespeichert.");
        saved.QuerySelector(".user-menu a[href='/account/language']")!.TextContent.ShouldBe("Sprache");
        saved.QuerySelector("input[value='de']")!.HasAttribute("checked").ShouldBeTrue();
    }

    [Fact]
    public async Task PasswordChangedEmail_IsWrittenInTheAccountsLanguage()
    {
        var email = UniqueEmail.New();
        await factory.CreateAccountAsync(email, Password);
        using var client = await factory.SignedInClientAsync(email, Password);
        (await client.PutAsJsonAsync("/api/v1/me/language", new { language = "fr" })).EnsureSuccessStatusCode();

        (await client.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = Password, newPassword = "Nouveau-Mot-2026", confirmPassword = "Nouveau-Mot-2026" })).EnsureSuccessStatusCode();

        await using var scope = factory.Services.CreateAsyncScope();
        var mail = await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().OutboxMessages.SingleAsync(m => m.To == email);
        mail.Subject.ShouldBe("Votre mot de passe a été modifié");
        mail.TextBody.ShouldContain("Saisissez le nouveau mot de passe sur chaque appareil");
        mail.HtmlBody.ShouldContain("<html lang=\"fr\">");
    }

    [Fact]
    public async Task Dates_AreWrittenInTheUsersCulture()
    {
        var email = UniqueEmail.New();
        await factory.CreateAccountAsync(email, Password);
        using var client = await factory.SignedInClientAsync(email, Password);
        (await client.PutAsJsonAsync("/api/v1/me/language", new { language = "de" })).EnsureSuccessStatusCode();

        var page = await HtmlForms.ParseAsync(await client.GetAsync("/account/security"));

        var shown = page.QuerySelector("table.sessions time")!.TextContent;
        shown.ShouldMatch(@"^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2} UTC$");
    }
}
