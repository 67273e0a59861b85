using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Latchkey.Core.Data;
using Latchkey.Tests.Infrastructure;
using Latchkey.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Web.Tests.Tokens;

public sealed class ApiTokenEndpointsTests(LatchkeyWebFactory factory) : IClassFixture<LatchkeyWebFactory>
{
    private const string Password = "Valid-Pass1";
    private static readonly string[] _accountScope = ["account"];

    [Fact]
    public async Task Create_TokenShownOnce_BearerReadsMe_ListNeverHasTheSecret()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var client = await factory.SignedInClientAsync(account.Email!, Password);

        var response = await client.PostAsJsonAsync("/api/v1/tokens", new { name = "backup", scopes = _accountScope, expiresInDays = 30 });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var token = created.GetProperty("token").GetString()!;
        token.ShouldStartWith("lk_");
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/tokens/{created.GetProperty("id").GetGuid()}");
        using var bearer = Bearer(token);
        var me = await bearer.GetFromJsonAsync<JsonElement>("/api/v1/me");
        me.GetProperty("email").GetString().ShouldBe(account.Email);
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/tokens");
        list.GetProperty("total").GetInt32().ShouldBe(1);
        list.GetProperty("items")[0].TryGetProperty("token", out _).ShouldBeFalse();
        list.GetProperty("items")[0].GetProperty("scopes")[0].GetString().ShouldBe("account");
    }

    [Fact]
    public async Task Bearer_EndpointOutsideItsScopes_403InsufficientScope()
    {
        var admin = await factory.CreateAccountAsync(UniqueEmail.New(), Password, Role.Administrator);
        using var bearer = Bearer(await CreateTokenAsync(admin.Email!, "account"));

        await Problems.ReadAsync(await bearer.GetAsync("/api/v1/accounts"), "insufficient_scope");
        await Problems.ReadAsync(await bearer.GetAsync("/api/v1/audit"), "insufficient_scope");
        (await bearer.GetAsync("/api/v1/me/sessions")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Bearer_ScopeAllowsButRoleDoesNot_403Forbidden()
    {
        var user = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var bearer = Bearer(await CreateTokenAsync(user.Email!, "accounts:read"));

        await Problems.ReadAsync(await bearer.GetAsync("/api/v1/accounts"), "forbidden");
    }

    [Fact]
    public async Task Bearer_ScopeAndRoleAllow_AdminReadsAndWritesAccounts()
    {
        var admin = await factory.CreateAccountAsync(UniqueEmail.New(), Password, Role.Administrator);
        var target = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var reader = Bearer(await CreateTokenAsync(admin.Email!, "accounts:read"));
        using var writer = Bearer(await CreateTokenAsync(admin.Email!, "accounts:read", "accounts:write"));

        (await reader.GetAsync($"/api/v1/accounts/{target.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Problems.ReadAsync(await reader.PostAsJsonAsync($"/api/v1/accounts/{target.Id}/disable", new { }), "insufficient_scope");
        (await writer.PostAsJsonAsync($"/api/v1/accounts/{target.Id}/disable", new { })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Bearer_NeverCreatesTokens()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var bearer = Bearer(await CreateTokenAsync(account.Email!, "account"));

        await Problems.ReadAsync(await bearer.PostAsJsonAsync("/api/v1/tokens", new { name = "more", scopes = _accountScope }), "insufficient_scope");
    }

    [Fact]
    public async Task Bearer_PasswordChangeWithoutTheCurrentPassword_Refused()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var bearer = Bearer(await CreateTokenAsync(account.Email!, "account"));

        var response = await bearer.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = "Wrong-Pass1", newPassword = "Other-Pass22", confirmPassword = "Other-Pass22" });

        await Problems.ReadAsync(response, "invalid_current_password");
    }

    [Fact]
    public async Task Bearer_UnknownToken401_NotTheCookieAndNotOnPages()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var client = await factory.SignedInClientAsync(account.Email!, Password);
        var token = await CreateTokenAsync(account.Email!, "account");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "lk_" + new string('A', 43));

        var response = await client.GetAsync("/api/v1/me");
        await Problems.ReadAsync(response, "unauthorized");
        response.Headers.WwwAuthenticate.ToString().ShouldContain("invalid_token");
        using var bearer = Bearer(token);
        (await bearer.GetAsync("/account/security")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Revoke_OneByOne_NextRequest401()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var client = await factory.SignedInClientAsync(account.Email!, Password);
        var token = await CreateTokenAsync(account.Email!, "account");
        using var bearer = Bearer(token);
        (await bearer.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var id = (await client.GetFromJsonAsync<JsonElement>("/api/v1/tokens")).GetProperty("items")[0].GetProperty("id").GetGuid();

        (await client.DeleteAsync($"/api/v1/tokens/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await bearer.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await Problems.ReadAsync(await client.DeleteAsync($"/api/v1/tokens/{id}"), "not_found");
    }

    [Theory]
    [InlineData("logout-all")]
    [InlineData("admin-reset-sign-out")]
    [InlineData("disable")]
    public async Task Bearer_EndsWithTheAccountsSessions(string how)
    {
        var admin = await factory.CreateAccountAsync(UniqueEmail.New(), Password, Role.Administrator);
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var bearer = Bearer(await CreateTokenAsync(account.Email!, "account"));
        (await bearer.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var staff = await factory.SignedInClientAsync(admin.Email!, Password);
        using var owner = await factory.SignedInClientAsync(account.Email!, Password);

        var response = how switch
        {
            "logout-all" => await owner.PostAsJsonAsync("/api/v1/me/sessions/revoke-all", new { includeCurrent = true }),
            "admin-reset-sign-out" => await staff.PostAsJsonAsync($"/api/v1/accounts/{account.Id}/password", new { generate = true, signOutEverywhere = true }),
            _ => await staff.PostAsJsonAsync($"/api/v1/accounts/{account.Id}/disable", new { }),
        };
        response.IsSuccessStatusCode.ShouldBeTrue();

        (await bearer.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AdminResetWithoutSignOut_TokenKeepsWorking()
    {
        var admin = await factory.CreateAccountAsync(UniqueEmail.New(), Password, Role.Administrator);
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var bearer = Bearer(await CreateTokenAsync(account.Email!, "account"));
        using var staff = await factory.SignedInClientAsync(admin.Email!, Password);

        (await staff.PostAsJsonAsync($"/api/v1/accounts/{account.Id}/password", new { generate = true, signOutEverywhere = false })).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await bearer.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Staff_SeeAndRevokeAnAccountsTokens_UsersCannot()
    {
        var admin = await factory.CreateAccountAsync(UniqueEmail.New(), Password, Role.Administrator);
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        var other = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var bearer = Bearer(await CreateTokenAsync(account.Email!, "account"));
        using var staff = await factory.SignedInClientAsync(admin.Email!, Password);
        using var stranger = await factory.SignedInClientAsync(other.Email!, Password);

        var list = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/accounts/{account.Id}/tokens");
        var id = list.GetProperty("items")[0].GetProperty("id").GetGuid();
        list.GetProperty("items")[0].TryGetProperty("token", out _).ShouldBeFalse();
        await Problems.ReadAsync(await stranger.GetAsync($"/api/v1/accounts/{account.Id}/tokens"), "forbidden");
        await Problems.ReadAsync(await stranger.DeleteAsync($"/api/v1/accounts/{account.Id}/tokens/{id}"), "forbidden");
        (await bearer.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await staff.DeleteAsync($"/api/v1/accounts/{account.Id}/tokens/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await bearer.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Bearer_ExpiredInTheStore_401()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        var token = await CreateTokenAsync(account.Email!, "account");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
            var row = await db.ApiTokens.SingleAsync(t => t.AccountId == account.Id);
            row.ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
        }

        using var bearer = Bearer(token);
        (await bearer.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task PasswordChange_RevokeApiTokensChosen_TokensEnd()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var client = await factory.SignedInClientAsync(account.Email!, Password);
        using var bearer = Bearer(await CreateTokenAsync(account.Email!, "account"));

        (await client.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = Password, newPassword = "Other-Pass22", confirmPassword = "Other-Pass22", revokeApiTokens = true }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await bearer.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TokensPage_CreateShowsTheTokenOnceThenListsItWithRevoke()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var client = await factory.SignedInClientAsync(account.Email!, Password);
        var page = await HtmlForms.ParseAsync(await client.GetAsync("/account/tokens"));

        var created = await HtmlForms.ParseAsync(await HtmlForms.SubmitAsync(
            client, page, new Dictionary<string, string> { ["name"] = "deploy", ["scopes"] = "account", ["expiresInDays"] = "7" }, "form[action*='handler=Create']"));
        var secret = created.QuerySelector("#new-token")!.TextContent;
        var again = await HtmlForms.ParseAsync(await client.GetAsync("/account/tokens"));

        secret.ShouldStartWith("lk_");
        using var bearer = Bearer(secret);
        (await bearer.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        again.QuerySelector("#new-token").ShouldBeNull();
        again.Body!.TextContent.ShouldNotContain(secret);
        again.QuerySelectorAll("tr[data-token] button").Single().TextContent.ShouldBe("Revoke");
    }

    [Fact]
    public async Task CliTokensCreate_PrintsATokenTheServerAccepts_BadScopeRefused()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await Latchkey.Cli.CliApp.RunAsync(
            ["tokens", "create", "--email", account.Email!, "--name", "cron", "--scope", "account", "audit:read", "--expires", "30"], TextReader.Null, output, error, factory.Store.Settings);
        var refused = await Latchkey.Cli.CliApp.RunAsync(
            ["tokens", "create", "--email", account.Email!, "--name", "cron", "--scope", "root"], TextReader.Null, TextWriter.Null, error, factory.Store.Settings);

        exitCode.ShouldBe(0, error.ToString());
        var token = output.ToString().Split('\n')[0].Trim();
        using var bearer = Bearer(token);
        (await bearer.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        refused.ShouldBe(1);
        error.ToString().ShouldContain("validation: 'root' is not a scope");
    }

    private async Task<string> CreateTokenAsync(string email, params string[] scopes)
    {
        using var client = await factory.SignedInClientAsync(email, Password);
        var response = await client.PostAsJsonAsync("/api/v1/tokens", new { name = "test", scopes });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private HttpClient Bearer(string token)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
