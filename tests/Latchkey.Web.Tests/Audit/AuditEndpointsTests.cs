using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Latchkey.Tests.Infrastructure;
using Latchkey.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Web.Tests.Audit;

/// <summary>GET /api/v1/audit and its export: the list contract, filters, CSV and JSON lines, and who may read them.</summary>
public sealed class AuditEndpointsTests(LatchkeyWebFactory factory) : IClassFixture<LatchkeyWebFactory>
{
    private const string Password = "Valid-Pass1";

    [Fact]
    public async Task GetAudit_Administrator_ItemsAndTotalNewestFirst()
    {
        using var admin = await AdministratorAsync();
        var user = await UserWithHistoryAsync();

        var body = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?account={Uri.EscapeDataString(user.Email!)}");

        body.GetProperty("total").GetInt32().ShouldBe(3);
        var items = body.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => (i.GetProperty("type").GetString(), i.GetProperty("outcome").GetString())).ShouldBe(
        [
            (AuditEventTypes.SignIn, AuditEventTypes.Failure),
            (AuditEventTypes.SignIn, AuditEventTypes.Success),
            (AuditEventTypes.AccountCreated, AuditEventTypes.Success),
        ]);
        items.Select(i => i.GetProperty("sequence").GetInt64()).ShouldBeInOrder(SortDirection.Descending);
        var failure = items[0];
        failure.GetProperty("targetId").GetGuid().ShouldBe(user.Id);
        failure.GetProperty("targetEmail").GetString().ShouldBe(user.Email);
        failure.GetProperty("detail").GetString().ShouldBe("wrong_password");
        failure.GetProperty("hash").GetString()!.Length.ShouldBe(64);
        foreach (var member in new[] { "id", "occurredAt", "actorId", "actorEmail", "ip", "userAgent" })
        {
            failure.TryGetProperty(member, out _).ShouldBeTrue(member);
        }
    }

    [Fact]
    public async Task GetAudit_TypeOutcomeTimeAndPage_Filtered()
    {
        using var admin = await AdministratorAsync();
        var user = await UserWithHistoryAsync();
        var account = Uri.EscapeDataString(user.Email!);
        var later = Uri.EscapeDataString(TimeProvider.System.GetUtcNow().AddHours(1).ToString("o"));

        var failures = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?account={account}&type=sign_in&outcome=failure");
        var secondPage = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?account={user.Id}&pageSize=1&page=2");
        var future = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?account={account}&since={later}");
        var past = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?account={account}&until={later}");

        failures.GetProperty("total").GetInt32().ShouldBe(1);
        secondPage.GetProperty("total").GetInt32().ShouldBe(3);
        secondPage.GetProperty("items").EnumerateArray().Single().GetProperty("outcome").GetString().ShouldBe(AuditEventTypes.Success);
        future.GetProperty("total").GetInt32().ShouldBe(0);
        past.GetProperty("total").GetInt32().ShouldBe(3);
    }

    [Theory]
    [InlineData("since=yesterday", "since")]
    [InlineData("outcome=maybe", "outcome")]
    [InlineData("pageSize=100000", "pageSize")]
    public async Task GetAudit_MalformedFilter_400Validation(string query, string field)
    {
        using var admin = await AdministratorAsync();

        var response = await admin.GetAsync("/api/v1/audit?" + query);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await Problems.ReadAsync(response, "validation");
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData("/api/v1/audit")]
    [InlineData("/api/v1/audit/export?format=csv")]
    public async Task GetAudit_NotAnAdministrator_403ForbiddenAndTheRefusalIsRecorded(string path)
    {
        var user = await factory.CreateAccountAsync(UniqueEmail.New(), Password, Role.Operator, "example.com");
        using var client = await factory.SignedInClientAsync(user.Email!, Password);
        using var admin = await AdministratorAsync();

        var response = await client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await Problems.ReadAsync(response, "forbidden");
        var refusals = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?account={user.Id}&type=access_denied");
        var refusal = refusals.GetProperty("items").EnumerateArray().Single();
        refusal.GetProperty("actorEmail").GetString().ShouldBe(user.Email);
        refusal.GetProperty("detail").GetString().ShouldBe("audit_log");
    }

    [Theory]
    [InlineData("/api/v1/audit")]
    [InlineData("/api/v1/audit/export")]
    public async Task GetAudit_Anonymous_401(string path)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await Problems.ReadAsync(response, "unauthorized");
    }

    [Fact]
    public async Task Export_Csv_HeaderQuotedCellsAndFormulasDefused()
    {
        using var admin = await AdministratorAsync();
        var target = UniqueEmail.New();
        await AddEventAsync(target, userAgent: "=HYPERLINK(\"http://evil.example\"),\"x\"", detail: "-2+3,\"quoted\"\nsecond line");

        var response = await admin.GetAsync($"/api/v1/audit/export?format=csv&account={Uri.EscapeDataString(target)}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldEndWith(".csv");
        var csv = await response.Content.ReadAsStringAsync();
        csv.ShouldStartWith(AuditCsv.Header + "\r\n");
        csv.ShouldEndWith("\r\n");
        csv.ShouldContain($",{target},203.0.113.7,\"'=HYPERLINK(\"\"http://evil.example\"\"),\"\"x\"\"\",\"'-2+3,\"\"quoted\"\"\nsecond line\",");
    }

    [Fact]
    public async Task Export_JsonLines_OneObjectPerLineWithTheExactText()
    {
        using var admin = await AdministratorAsync();
        var target = UniqueEmail.New();
        const string Detail = "line one\n\"line\" two, =three";
        await AddEventAsync(target, userAgent: "agent", detail: Detail);
        await AddEventAsync(target, userAgent: "agent", detail: "second");

        var response = await admin.GetAsync($"/api/v1/audit/export?format=jsonl&account={Uri.EscapeDataString(target)}");

        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/jsonl");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(2);
        var events = lines.Select(l => JsonSerializer.Deserialize<JsonElement>(l)).ToList();
        events.Select(e => e.GetProperty("detail").GetString()).ShouldBe(["second", Detail]);
        events[0].GetProperty("targetEmail").GetString().ShouldBe(target);
    }

    [Fact]
    public async Task Export_UnknownFormat_400Validation()
    {
        using var admin = await AdministratorAsync();

        var response = await admin.GetAsync("/api/v1/audit/export?format=xlsx");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await Problems.ReadAsync(response, "validation");
    }

    private async Task<HttpClient> AdministratorAsync()
    {
        var admin = await factory.CreateAccountAsync(UniqueEmail.New("admin"), Password, Role.Administrator);
        return await factory.SignedInClientAsync(admin.Email!, Password);
    }

    /// <summary>An account with three events: created, signed in, and a refused sign-in.</summary>
    private async Task<Account> UserWithHistoryAsync()
    {
        var user = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var client = await factory.SignedInClientAsync(user.Email!, Password);
        (await client.PostAsJsonAsync("/api/v1/session", new { email = user.Email, password = "Wrong-Pass1" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        return user;
    }

    private async Task AddEventAsync(string targetEmail, string userAgent, string detail)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditLog>().Add(AuditEventTypes.SignIn, AuditEventTypes.Failure,
            AuditContext.Anonymous("203.0.113.7", userAgent), targetEmail: targetEmail, detail: detail);
        await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().SaveChangesAsync();
    }
}
