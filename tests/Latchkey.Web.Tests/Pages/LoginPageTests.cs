using System.Net;
using Latchkey.Tests.Infrastructure;
using Latchkey.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Latchkey.Web.Tests.Pages;

public sealed class LoginPageTests(LatchkeyWebFactory factory) : IClassFixture<LatchkeyWebFactory>
{
    private const string Password = "Valid-Pass1";

    [Fact]
    public async Task GetLogin_HasLabelledFieldsAndSignInButton()
    {
        using var client = factory.CreateClient();

        var document = await HtmlForms.ParseAsync(await client.GetAsync("/login"));

        HtmlForms.LabelFor(document, "Email").ShouldBe("Email");
        HtmlForms.LabelFor(document, "Password").ShouldBe("Password");
        document.QuerySelector("main form button[type=submit]")!.TextContent.Trim().ShouldBe("Sign in");
    }

    [Fact]
    public async Task PostLogin_RightPassword_RedirectsToReturnUrlWithSessionCookie()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await HtmlForms.ParseAsync(await client.GetAsync("/login?returnUrl=%2F"));

        var response = await HtmlForms.SubmitAsync(client, page, new Dictionary<string, string> { ["Email"] = account.Email!, ["Password"] = Password });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/");
        var home = await client.GetAsync("/");
        home.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await home.Content.ReadAsStringAsync()).ShouldContain(account.Email!);
    }

    [Fact]
    public async Task PostLogin_ForeignReturnUrl_StaysOnThisSite()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await HtmlForms.ParseAsync(await client.GetAsync("/login?returnUrl=https%3A%2F%2Fevil.example%2F"));

        var response = await HtmlForms.SubmitAsync(client, page, new Dictionary<string, string> { ["Email"] = account.Email!, ["Password"] = Password });

        response.Headers.Location!.ToString().ShouldBe("/");
    }

    [Fact]
    public async Task PostLogin_WrongPassword_ShowsErrorAndNoCookie()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await HtmlForms.ParseAsync(await client.GetAsync("/login"));

        var response = await HtmlForms.SubmitAsync(client, page, new Dictionary<string, string> { ["Email"] = account.Email!, ["Password"] = "Wrong-Pass1" });

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var document = await HtmlForms.ParseAsync(response);
        document.QuerySelector("[role=alert]")!.TextContent.ShouldContain("not correct");
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
        cookies.ShouldNotContain(c => c.StartsWith("latchkey_session=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostLogin_WithoutAntiforgeryToken_Refused()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = account.Email!, ["Password"] = Password }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task GetHome_Anonymous_RedirectsToLogin()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldStartWith("/login?returnUrl=");
    }

    [Fact]
    public async Task PostLogout_EndsTheSession()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var client = await factory.SignedInClientAsync(account.Email!, Password);
        var home = await HtmlForms.ParseAsync(await client.GetAsync("/"));

        var response = await HtmlForms.SubmitAsync(client, home, new Dictionary<string, string>(), "form[action='/logout']");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.ToString().ShouldBe("/login");
        (await client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnyPage_CarriesSecurityHeaders()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/login");

        response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("frame-ancestors 'none'");
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }
}
