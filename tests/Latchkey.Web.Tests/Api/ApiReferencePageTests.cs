using System.Net;
using System.Text.RegularExpressions;
using Latchkey.Core.Data;
using Latchkey.Tests.Infrastructure;
using Latchkey.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Latchkey.Web.Tests.Api;

/// <summary>The Scalar API reference at <c>/api</c>: staff only, its scripts from this origin, its inline script nonce-bound.</summary>
public sealed partial class ApiReferencePageTests(LatchkeyWebFactory factory) : IClassFixture<LatchkeyWebFactory>
{
    private const string Password = "Valid-Pass1";

    [Theory]
    [InlineData(Role.Operator, "example.org")]
    [InlineData(Role.Administrator, null)]
    public async Task Staff_GetThePage_ScriptsLocalAndInlineScriptNonceInTheCsp(Role role, string? domain)
    {
        var staff = await factory.CreateAccountAsync(UniqueEmail.New(), Password, role, domain);
        using var client = await factory.SignedInClientAsync(staff.Email!, Password);

        var bare = await client.GetAsync("/api");
        var page = await client.GetAsync("/api/");

        bare.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        bare.Headers.Location!.ToString().ShouldBe("api/");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("\"url\":\"openapi/v1.json\"");
        html.ShouldNotContain("https://");
        var nonces = Nonce().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();
        nonces.Count.ShouldBe(1, "every script tag carries the one nonce of this answer");
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain($"script-src 'self' 'nonce-{nonces[0]}'");
        csp.ShouldContain("default-src 'self'");
        csp.ShouldContain("frame-ancestors 'none'");
        var script = await client.GetAsync("/api/scalar.js");
        script.StatusCode.ShouldBe(HttpStatusCode.OK);
        script.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        (await client.GetAsync("/api/")).Headers.GetValues("Content-Security-Policy").Single().ShouldNotContain(nonces[0]);
    }

    [Fact]
    public async Task User_403()
    {
        var user = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var client = await factory.SignedInClientAsync(user.Email!, Password);

        var page = await client.GetAsync("/api/");

        page.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await page.Content.ReadAsStringAsync()).ShouldNotContain("scalar");
    }

    [Fact]
    public async Task Anonymous_RedirectedToLogin()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var page = await client.GetAsync("/api/");
        var bare = await client.GetAsync("/api");

        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().ShouldBe("/login?returnUrl=%2Fapi%2F");
        bare.Headers.Location!.ToString().ShouldStartWith("/login?returnUrl=");
    }

    [Fact]
    public async Task OtherPagesCsp_HasNoNonceAndNoInlineStyles()
    {
        using var client = factory.CreateClient();

        var login = await client.GetAsync("/login");

        var csp = login.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldNotContain("nonce-");
        csp.ShouldNotContain("unsafe-inline");
    }

    [GeneratedRegex("nonce=\"([^\"]+)\"")]
    private static partial Regex Nonce();
}
