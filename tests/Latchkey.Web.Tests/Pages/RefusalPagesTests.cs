using System.Net;
using Latchkey.Core.Data;
using Latchkey.Web.Tests.Infrastructure;

namespace Latchkey.Web.Tests.Pages;

/// <summary>Finding 6 of issue 14: refusals on pages are pages, in the layout, with a way back.</summary>
public sealed class RefusalPagesTests(LatchkeyWebFactory factory) : IClassFixture<LatchkeyWebFactory>
{
    private const string Password = "Valid-Pass1";

    [Fact]
    public async Task AdminPage_PlainUser_403PageInTheLayoutWithALinkHome()
    {
        var user = await factory.CreateAccountAsync($"u@{NewDomain()}", Password);
        using var client = await factory.SignedInClientAsync(user.Email!, Password);

        var response = await client.GetAsync("/admin/accounts");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var page = await HtmlForms.ParseAsync(response);
        page.QuerySelector("header.topbar").ShouldNotBeNull();
        page.QuerySelector("main h1")!.TextContent.ShouldBe("You cannot open this page");
        page.QuerySelector("main a[href='/']").ShouldNotBeNull();
    }

    [Fact]
    public async Task UnknownPage_404PageInTheLayoutWithALinkHome()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/no/such/page");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var page = await HtmlForms.ParseAsync(response);
        page.QuerySelector("header.topbar").ShouldNotBeNull();
        page.QuerySelector("main h1")!.TextContent.ShouldBe("Page not found");
        page.QuerySelector("main a[href='/']").ShouldNotBeNull();
    }

    [Fact]
    public async Task AccountPage_OutsideTheOperatorsDomains_403NotFoundOnlyForUnknownIds()
    {
        var domain = NewDomain();
        await factory.CreateAccountAsync($"op@{domain}", Password, Role.Operator, domain);
        var elsewhere = await factory.CreateAccountAsync($"x@{NewDomain()}", Password);
        using var op = await factory.SignedInClientAsync($"op@{domain}", Password);

        var outside = await op.GetAsync($"/admin/accounts/{elsewhere.Id}");
        var unknown = await op.GetAsync($"/admin/accounts/{Guid.NewGuid()}");

        outside.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await HtmlForms.ParseAsync(outside)).QuerySelector("main a[href='/']").ShouldNotBeNull();
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await HtmlForms.ParseAsync(unknown)).QuerySelector("main h1")!.TextContent.ShouldBe("Page not found");
    }

    private static string NewDomain() => $"d{Guid.NewGuid():N}"[..10] + ".example";
}
