using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Latchkey.Tests.Infrastructure;
using Latchkey.Web.Tests.Infrastructure;

namespace Latchkey.Web.Tests.Mailboxes;

public sealed class AppPasswordEndpointsTests(LatchkeyWebFactory factory) : IClassFixture<LatchkeyWebFactory>
{
    private const string Password = "Valid-Pass1";

    [Fact]
    public async Task CreateListRevoke_PasswordShownOnceRevokedOneByOne()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);
        using var client = await factory.SignedInClientAsync(account.Email!, Password);

        var created = await client.PostAsJsonAsync("/api/v1/me/app-passwords", new { name = "Phone" });
        await client.PostAsJsonAsync("/api/v1/me/app-passwords", new { name = "Laptop" });
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/me/app-passwords");

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("password").GetString()!.Length.ShouldBe(24);
        var id = body.GetProperty("id").GetGuid();
        created.Headers.Location!.ToString().ShouldBe($"/api/v1/me/app-passwords/{id}");
        list.GetProperty("total").GetInt32().ShouldBe(2);
        foreach (var item in list.GetProperty("items").EnumerateArray())
        {
            item.TryGetProperty("password", out _).ShouldBeFalse();
            item.TryGetProperty("lastUsedAt", out _).ShouldBeTrue();
        }

        (await client.DeleteAsync($"/api/v1/me/app-passwords/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await Problems.ReadAsync(await client.DeleteAsync($"/api/v1/me/app-passwords/{id}"), "not_found");
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/me/app-passwords")).GetProperty("items")[0].GetProperty("name").GetString().ShouldBe("Laptop");
    }

    [Fact]
    public async Task AppPassword_SignInToThePanel_Refused()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);
        using var client = await factory.SignedInClientAsync(account.Email!, Password);
        var created = await (await client.PostAsJsonAsync("/api/v1/me/app-passwords", new { name = "Phone" })).Content.ReadFromJsonAsync<JsonElement>();

        using var other = factory.CreateClient();
        var response = await other.PostAsJsonAsync("/api/v1/session", new { email = account.Email, password = created.GetProperty("password").GetString() });

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await Problems.ReadAsync(response, "invalid_credentials");
    }

    [Fact]
    public async Task Create_AccountWithoutMailbox_403()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var client = await factory.SignedInClientAsync(account.Email!, Password);

        await Problems.ReadAsync(await client.PostAsJsonAsync("/api/v1/me/app-passwords", new { name = "Phone" }), "forbidden");
    }

    [Fact]
    public async Task Create_NoName_400WithFieldError()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);
        using var client = await factory.SignedInClientAsync(account.Email!, Password);

        var problem = await Problems.ReadAsync(await client.PostAsJsonAsync("/api/v1/me/app-passwords", new { name = "" }), "validation");

        problem.GetProperty("errors").TryGetProperty("name", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task SecurityPage_CreateAppPassword_ShownOnceThenListedWithRevokeButton()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);
        using var client = await factory.SignedInClientAsync(account.Email!, Password);
        var page = await HtmlForms.ParseAsync(await client.GetAsync("/account/security"));

        var created = await HtmlForms.ParseAsync(await HtmlForms.SubmitAsync(client, page, new Dictionary<string, string> { ["name"] = "Tablet" }, "form[action*='CreateAppPassword']"));
        var again = await HtmlForms.ParseAsync(await client.GetAsync("/account/security"));

        created.QuerySelector("#new-app-password")!.TextContent.ShouldMatch("^([a-z2-9]{4}-){4}[a-z2-9]{4}$");
        again.QuerySelector("#new-app-password").ShouldBeNull();
        var row = again.QuerySelector("table.app-passwords tbody tr")!;
        row.TextContent.ShouldContain("Tablet");
        row.TextContent.ShouldContain("Never used");
        row.QuerySelector("button")!.TextContent.Trim().ShouldBe("Revoke");
    }
}
