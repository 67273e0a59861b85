using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Latchkey.Core.Data;
using Latchkey.Core.Lockout;
using Latchkey.Core.Passwords;
using Latchkey.Tests.Infrastructure;
using Latchkey.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Web.Tests.Api;

public sealed class SessionEndpointsTests(LatchkeyWebFactory factory) : IClassFixture<LatchkeyWebFactory>
{
    private const string Password = "Valid-Pass1";

    [Fact]
    public async Task PostSession_RightPassword_SetsHttpOnlyCookieAndAnswersAccount()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/session", new { email = account.Email, password = Password });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("latchkey_session=", StringComparison.Ordinal));
        cookie.ShouldContain("httponly");
        cookie.ShouldContain("samesite=lax");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("email").GetString().ShouldBe(account.Email);
        body.GetProperty("roles")[0].GetProperty("role").GetString().ShouldBe("User");
    }

    [Fact]
    public async Task GetMe_WithSessionCookie_AnswersTheAccountShape()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var client = await factory.SignedInClientAsync(account.Email!, Password);

        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");

        me.GetProperty("id").GetGuid().ShouldBe(account.Id);
        me.GetProperty("domain").GetString().ShouldBe("example.com");
        foreach (var member in new[] { "panelAccess", "mailboxAccess", "disabled", "locked", "lockedUntil", "mustChangePassword", "staleDevices" })
        {
            me.TryGetProperty(member, out _).ShouldBeTrue(member);
        }
    }

    [Fact]
    public async Task GetMe_Anonymous_401ProblemNotRedirect()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/api/v1/me");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await Problems.ReadAsync(response, "unauthorized");
    }

    [Fact]
    public async Task DeleteSession_ThenSameCookie_RefusedOnNextRequest()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var client = await factory.SignedInClientAsync(account.Email!, Password);

        var response = await client.DeleteAsync("/api/v1/session");

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        response.Headers.GetValues("Set-Cookie").Single().ShouldContain("expires=Thu, 01 Jan 1970");
        (await client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task DeleteSession_StolenCopyOfCookie_RefusedAfterOwnerSignsOut()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var owner = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var signIn = await owner.PostAsJsonAsync("/api/v1/session", new { email = account.Email, password = Password });
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("latchkey_session=", StringComparison.Ordinal)).Split(';')[0];
        using var thief = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        thief.DefaultRequestHeaders.Add("Cookie", cookie);
        owner.DefaultRequestHeaders.Add("Cookie", cookie);
        (await thief.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await owner.DeleteAsync("/api/v1/session")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await thief.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task PostSession_FourRefusalKinds_IdenticalStatusAndBody()
    {
        var plain = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        var changed = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        var locked = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
            var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<Account>>();
            db.PasswordHistory.Add(new PasswordHistoryEntry { Id = Guid.NewGuid(), AccountId = changed.Id, PasswordHash = hasher.HashPassword(changed, "Old-Pass1"), CreatedAt = DateTimeOffset.UnixEpoch });
            await db.SaveChangesAsync();
            await db.Users.Where(a => a.Id == locked.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.LockoutEnd, AccountLock.Indefinite));
        }

        using var client = factory.CreateClient();
        var answers = new List<(HttpStatusCode Status, string Body, bool Cookie)>();
        foreach (var (email, password) in new[] { ("nobody-" + plain.Email, Password), (plain.Email!, "Wrong-Pass1"), (changed.Email!, "Wrong-Pass1"), (locked.Email!, Password) })
        {
            var response = await client.PostAsJsonAsync("/api/v1/session", new { email, password });
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            body.Remove("traceId");
            answers.Add((response.StatusCode, body.ToJsonString(), response.Headers.Contains("Set-Cookie")));
        }

        answers.Distinct().ShouldHaveSingleItem().Status.ShouldBe(HttpStatusCode.Unauthorized);
        answers[0].Body.ShouldContain("invalid_credentials");
        answers[0].Cookie.ShouldBeFalse();
    }

    [Theory]
    [InlineData("{bad json")]
    [InlineData("[1,2,3]")]
    [InlineData("\"just a string\"")]
    [InlineData("{\"email\": 42, \"password\": true}")]
    public async Task PostSession_MalformedJson_400Validation(string body)
    {
        using var client = factory.CreateClient();

        var response = await client.PostAsync("/api/v1/session", new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await Problems.ReadAsync(response, "validation");
    }

    [Fact]
    public async Task PostSession_EmptyBody_400Validation()
    {
        using var client = factory.CreateClient();

        var response = await client.PostAsync("/api/v1/session", new StringContent("", Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await Problems.ReadAsync(response, "validation");
    }

    [Fact]
    public async Task PostSession_MissingFields_400NamesEachField()
    {
        using var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/session", new { email = "" });

        var problem = await Problems.ReadAsync(response, "validation");
        var errors = problem.GetProperty("errors");
        errors.TryGetProperty("email", out _).ShouldBeTrue();
        errors.TryGetProperty("password", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task PostSession_PasswordOver4KiB_400WithoutHashing()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var client = factory.CreateClient();
        var gate = factory.Services.GetRequiredService<PasswordHashingGate>();
        var before = gate.TotalEntered;

        var response = await client.PostAsJsonAsync("/api/v1/session", new { email = account.Email, password = new string('x', 4097) });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Problems.ReadAsync(response, "validation")).GetProperty("errors").TryGetProperty("password", out _).ShouldBeTrue();
        gate.TotalEntered.ShouldBe(before);
    }

    [Fact]
    public async Task PostSession_BodyOver64KiB_413()
    {
        using var client = factory.CreateClient();
        var huge = "{\"email\":\"a@example.com\",\"password\":\"" + new string('x', 70 * 1024) + "\"}";

        var response = await client.PostAsync("/api/v1/session", new StringContent(huge, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        await Problems.ReadAsync(response, "validation");
    }

    [Fact]
    public async Task Healthz_StoreReachable_200()
    {
        using var client = factory.CreateClient();

        (await client.GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task OpenApi_Document_Served()
    {
        using var client = factory.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        document.GetProperty("paths").TryGetProperty("/api/v1/session", out _).ShouldBeTrue();
    }
}
