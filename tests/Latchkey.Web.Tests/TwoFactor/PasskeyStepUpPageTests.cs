using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Latchkey.Core.Data;
using Latchkey.Tests.Infrastructure;
using Latchkey.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Web.Tests.TwoFactor;

/// <summary>
/// The pages without script: the in-place step-up field keeps its required code input and offers <em>Use a passkey</em>
/// (hidden until passkey.js shows it, no inline script) only to accounts with a passkey; after a passkey step-up the
/// same form goes through without a code; and <em>Rename</em> on /account/security.
/// </summary>
public sealed class PasskeyStepUpPageTests(TwoFactorWebFactory factory) : IClassFixture<TwoFactorWebFactory>
{
    private const string Password = "Valid-Pass1";
    private const string SetUpTotpForm = "form[action*='SetUpTotp']";

    [Fact]
    public async Task StepUpField_PasskeyAccount_OffersThePasskey_ThenTheFormGoesThroughWithoutACode()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(domain: TwoFactorWebFactory.NewDomain()), Password);
        using var client = await factory.SignedInClientAsync(account.Email!, Password);
        using var passkey = await factory.RegisterPasskeyAsync(client, "Laptop");
        factory.Clock.Advance(TimeSpan.FromMinutes(6));
        var security = await HtmlForms.ParseAsync(await client.GetAsync("/account/security"));

        var asked = await HtmlForms.SubmitAsync(client, security, new Dictionary<string, string>(), SetUpTotpForm);
        var askedPage = await HtmlForms.ParseAsync(asked);

        asked.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var field = askedPage.QuerySelector(SetUpTotpForm + " .step-up")!;
        field.QuerySelector("input[name='stepUpCode']")!.HasAttribute("required").ShouldBeTrue();
        var button = field.QuerySelector("button[data-passkey-stepup]")!;
        button.GetAttribute("type").ShouldBe("button");
        button.HasAttribute("hidden").ShouldBeTrue();
        button.TextContent.Trim().ShouldBe("Use a passkey");
        field.QuerySelector("script[type='module']")!.GetAttribute("src")!.ShouldStartWith("/js/passkey.js");
        askedPage.QuerySelectorAll("script:not([src])").ShouldBeEmpty();

        var options = await (await client.PostAsJsonAsync("/api/v1/me/step-up/passkey/options", new { })).Content.ReadFromJsonAsync<JsonElement>();
        (await client.PostAsJsonAsync("/api/v1/me/step-up/passkey", new { credential = passkey.Get(options, factory.Origin) })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var done = await HtmlForms.SubmitAsync(client, askedPage, new Dictionary<string, string>(), SetUpTotpForm);

        done.StatusCode.ShouldBe(HttpStatusCode.OK);
        var donePage = await HtmlForms.ParseAsync(done);
        donePage.QuerySelector("input[name='code']").ShouldNotBeNull("the set-up asks for the first code once the step-up passed");
        donePage.QuerySelector(".step-up").ShouldBeNull();
    }

    [Fact]
    public async Task StepUpField_AccountWithoutPasskey_OnlyTheCode()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(domain: TwoFactorWebFactory.NewDomain()), Password);
        using var client = await factory.SignedInClientAsync(account.Email!, Password);
        var (secret, _) = await factory.EnableTotpAsync(client);
        factory.Clock.Advance(TimeSpan.FromMinutes(6));
        var security = await HtmlForms.ParseAsync(await client.GetAsync("/account/security"));

        var asked = await HtmlForms.ParseAsync(await HtmlForms.SubmitAsync(client, security, new Dictionary<string, string>(), "form[action*='RegenerateCodes']"));
        var done = await HtmlForms.SubmitAsync(client, asked, new Dictionary<string, string> { ["stepUpCode"] = factory.Code(secret) }, "form[action*='RegenerateCodes']");

        asked.QuerySelector(".step-up input[name='stepUpCode'][required]").ShouldNotBeNull();
        asked.QuerySelector("[data-passkey-stepup]").ShouldBeNull();
        done.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await HtmlForms.ParseAsync(done)).QuerySelectorAll("#recovery-codes li").Length.ShouldBe(10);
    }

    [Fact]
    public async Task Rename_OnTheSecurityPage_NewNameListed_EmptyNameRefusedInPlace()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(domain: TwoFactorWebFactory.NewDomain()), Password);
        using var client = await factory.SignedInClientAsync(account.Email!, Password);
        using var passkey = await factory.RegisterPasskeyAsync(client, "Laptop");
        var security = await HtmlForms.ParseAsync(await client.GetAsync("/account/security"));

        var renamed = await HtmlForms.SubmitAsync(client, security, new Dictionary<string, string> { ["name"] = " Work laptop " }, "form[action*='RenamePasskey']");
        var after = await HtmlForms.ParseAsync(await client.GetAsync("/account/security"));
        var empty = await HtmlForms.SubmitAsync(client, security, new Dictionary<string, string> { ["name"] = "  " }, "form[action*='RenamePasskey']");

        renamed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.QuerySelector("table.passkeys tbody td")!.TextContent.ShouldBe("Work laptop");
        after.QuerySelector("main")!.TextContent.ShouldContain("The passkey has been renamed.");
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await HtmlForms.ParseAsync(empty)).QuerySelector("#two-factor-error")!.TextContent.ShouldBe("Give the passkey a name.");
        await using var scope = factory.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().Passkeys.AsNoTracking().SingleAsync(p => p.AccountId == account.Id)).Name.ShouldBe("Work laptop");
    }

    [Fact]
    public async Task AdminStepUpForm_AfterAPasskeyStepUp_ConfirmsWithoutACode_ThenTheActionGoesThrough()
    {
        var domain = TwoFactorWebFactory.NewDomain();
        var admin = await factory.CreateAccountAsync(UniqueEmail.New(domain: domain), Password, Core.Data.Role.Administrator);
        var target = await factory.CreateAccountAsync(UniqueEmail.New(domain: domain), Password);
        using var client = await factory.SignedInClientAsync(admin.Email!, Password);
        using var passkey = await factory.RegisterPasskeyAsync(client, "Key");
        factory.Clock.Advance(TimeSpan.FromMinutes(6));
        var accountPage = await HtmlForms.ParseAsync(await client.GetAsync($"/admin/accounts/{target.Id}"));
        var asked = await HtmlForms.ParseAsync(await HtmlForms.SubmitAsync(client, accountPage, new Dictionary<string, string>(), "form[action*='RevokeSessions']"));
        var notYet = await HtmlForms.SubmitAsync(client, asked, new Dictionary<string, string>(), "form[action*='StepUp']");
        notYet.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var options = await (await client.PostAsJsonAsync("/api/v1/me/step-up/passkey/options", new { })).Content.ReadFromJsonAsync<JsonElement>();
        (await client.PostAsJsonAsync("/api/v1/me/step-up/passkey", new { credential = passkey.Get(options, factory.Origin) })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var confirmed = await HtmlForms.SubmitAsync(client, asked, new Dictionary<string, string>(), "form[action*='StepUp']");
        var revoked = await HtmlForms.SubmitAsync(client, asked, new Dictionary<string, string>(), "form[action*='RevokeSessions']");

        asked.QuerySelector("form[action*='StepUp'] [data-passkey-stepup]").ShouldNotBeNull();
        confirmed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        revoked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}
