using System.Net;
using System.Net.Http.Json;
using Latchkey.Core.Data;
using Latchkey.Web.Tests.Infrastructure;

namespace Latchkey.Web.Tests.Admin;

/// <summary>The admin pages without JavaScript: the list's labelled filters, and unlocking a locked account.</summary>
public sealed class AdminPagesTests(LatchkeyWebFactory factory) : IClassFixture<LatchkeyWebFactory>
{
    private const string Password = "Valid-Pass1";

    [Fact]
    public async Task AccountsPage_OperatorSeesOnlyTheirDomainWithLabelledFilters()
    {
        var domain = NewDomain();
        await factory.CreateAccountAsync($"op@{domain}", Password, Role.Operator, domain);
        await factory.CreateAccountAsync($"a@{domain}", Password);
        using var op = await factory.SignedInClientAsync($"op@{domain}", Password);

        var page = await HtmlForms.ParseAsync(await op.GetAsync("/admin/accounts"));

        page.QuerySelector("label[for='domain']")!.TextContent.ShouldBe("Select domain");
        page.QuerySelectorAll("#domain option").Select(o => o.TextContent).ShouldBe([domain]);
        page.QuerySelector("label[for='q']")!.TextContent.ShouldBe("Search");
        page.QuerySelectorAll("table.accounts tbody a").Select(a => a.TextContent).ShouldBe([$"a@{domain}", $"op@{domain}"]);
        page.QuerySelector("a[href^='/admin/accounts/new']").ShouldBeNull();
    }

    [Fact]
    public async Task AccountsPage_PlainUser_403()
    {
        var user = await factory.CreateAccountAsync($"u@{NewDomain()}", Password);
        using var client = await factory.SignedInClientAsync(user.Email!, Password);

        (await client.GetAsync("/admin/accounts")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AccountPage_LockedAccount_OperatorUnlocksWithOneButton()
    {
        var domain = NewDomain();
        await factory.CreateAccountAsync($"op@{domain}", Password, Role.Operator, domain);
        var user = await factory.CreateAccountAsync($"locked@{domain}", Password, mailbox: true);
        using var anonymous = factory.CreateClient();
        HttpStatusCode last = default;
        for (var i = 0; i < 12; i++)
        {
            last = (await anonymous.PostAsJsonAsync("/api/v1/session", new { email = user.Email, password = $"Wrong-Pass-{i}" })).StatusCode;
        }

        // A locked account answers unknown sources exactly like a wrong password (docs/lockout.md); the page shows the lock.
        last.ShouldBe(HttpStatusCode.Unauthorized);
        using var op = await factory.SignedInClientAsync($"op@{domain}", Password);
        var page = await HtmlForms.ParseAsync(await op.GetAsync($"/admin/accounts/{user.Id}"));
        page.QuerySelector("#locked-notice")!.TextContent.ShouldContain("locked until");
        // Failure bookkeeping runs beside the answer (docs/lockout.md), so an attempt racing the lock may be listed too.
        page.QuerySelectorAll("#failed-logins tbody tr").Length.ShouldBeInRange(10, 12);

        var response = await HtmlForms.SubmitAsync(op, page, new Dictionary<string, string>(), "#locked-notice form");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await HtmlForms.ParseAsync(await op.GetAsync(response.Headers.Location));
        after.QuerySelector("#admin-message")!.TextContent.ShouldContain("Unlocked");
        after.QuerySelector("#locked-notice").ShouldBeNull();
        (await anonymous.PostAsJsonAsync("/api/v1/session", new { email = user.Email, password = Password })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static string NewDomain() => $"d{Guid.NewGuid():N}"[..10] + ".example";
}
