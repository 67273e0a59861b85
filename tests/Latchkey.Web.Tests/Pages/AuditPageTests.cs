using System.Net;
using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Latchkey.Tests.Infrastructure;
using Latchkey.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Web.Tests.Pages;

/// <summary>/admin/audit without JavaScript: labelled filters, the table, paging and export links, and the 403 page.</summary>
public sealed class AuditPageTests(LatchkeyWebFactory factory) : IClassFixture<LatchkeyWebFactory>
{
    private const string Password = "Valid-Pass1";

    [Fact]
    public async Task Get_Administrator_LabelledFiltersTableAndExportLinks()
    {
        var admin = await factory.CreateAccountAsync(UniqueEmail.New("admin"), Password, Role.Administrator);
        using var client = await factory.SignedInClientAsync(admin.Email!, Password);

        var page = await HtmlForms.ParseAsync(await client.GetAsync($"/admin/audit?account={Uri.EscapeDataString(admin.Email!)}"));

        HtmlForms.LabelFor(page, "account").ShouldBe("Account");
        HtmlForms.LabelFor(page, "since").ShouldBe("From (UTC)");
        HtmlForms.LabelFor(page, "until").ShouldBe("Before (UTC)");
        page.QuerySelector("label[for='" + page.QuerySelector("select[name='type']")!.Id + "']")!.TextContent.ShouldBe("Event type");
        page.QuerySelector("label[for='" + page.QuerySelector("select[name='outcome']")!.Id + "']")!.TextContent.ShouldBe("Outcome");
        page.QuerySelector("main form button[type=submit]")!.TextContent.ShouldBe("Filter");
        page.QuerySelectorAll("table.audit thead th").Select(th => th.TextContent).ShouldBe(["#", "Time", "Type", "Outcome", "Actor", "Target", "IP address", "Detail"]);
        var rows = page.QuerySelectorAll("table.audit tbody tr");
        rows.Select(r => r.GetAttribute("data-type")).ShouldBe(["sign_in", "account_created"]);
        rows[0].QuerySelectorAll("td")[4].TextContent.ShouldBe(admin.Email);
        page.QuerySelector("a[href^='/api/v1/audit/export'][href*='format=csv']")!.GetAttribute("href")!.ShouldContain("account=");
        page.QuerySelector("a[href^='/api/v1/audit/export'][href*='format=jsonl']").ShouldNotBeNull();
        page.QuerySelector("header nav a[href='/admin/audit']")!.TextContent.ShouldBe("Audit");
    }

    [Fact]
    public async Task Get_MoreThanOnePage_OlderLinkKeepsTheFilters()
    {
        var admin = await factory.CreateAccountAsync(UniqueEmail.New("admin"), Password, Role.Administrator);
        using var client = await factory.SignedInClientAsync(admin.Email!, Password);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var auditLog = scope.ServiceProvider.GetRequiredService<AuditLog>();
            for (var i = 0; i < 50; i++)
            {
                auditLog.Add(AuditEventTypes.SessionsRevoked, AuditEventTypes.Success, AuditContext.Cli, admin.Id, admin.Email, "all");
            }

            await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().SaveChangesAsync();
        }

        var first = await HtmlForms.ParseAsync(await client.GetAsync($"/admin/audit?account={Uri.EscapeDataString(admin.Email!)}"));
        var older = first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!;
        var second = await HtmlForms.ParseAsync(await client.GetAsync(older));

        first.QuerySelectorAll("table.audit tbody tr").Length.ShouldBe(50);
        older.ShouldContain("account=");
        older.ShouldContain("p=2");
        second.QuerySelectorAll("table.audit tbody tr").Select(r => r.GetAttribute("data-type")).ShouldBe(["sign_in", "account_created"]);
        second.QuerySelector(".pager a[rel=prev]").ShouldNotBeNull();
    }

    [Fact]
    public async Task Get_NotAnAdministrator_403PageAndNoMenuLink()
    {
        var user = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var client = await factory.SignedInClientAsync(user.Email!, Password);

        var response = await client.GetAsync("/admin/audit");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var page = await HtmlForms.ParseAsync(response);
        page.QuerySelector("[role=alert]")!.TextContent.ShouldBe("Only administrators may read the audit log.");
        page.QuerySelector("table.audit").ShouldBeNull();
        page.QuerySelector(".user-menu a[href='/admin/audit']").ShouldBeNull();
    }
}
