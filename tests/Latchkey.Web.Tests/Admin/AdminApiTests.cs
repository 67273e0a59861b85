using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Latchkey.Core.Data;
using Latchkey.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Latchkey.Web.Tests.Admin;

/// <summary>The helpdesk API through HTTP: boundaries answered 403 <c>forbidden</c>, resets, forced change.</summary>
public sealed class AdminApiTests(LatchkeyWebFactory factory) : IClassFixture<LatchkeyWebFactory>
{
    private const string Password = "Valid-Pass1";

    [Fact]
    public async Task OperatorResetsUserInOwnDomain_GeneratedPasswordReturnedOnceAndWorks()
    {
        var domain = NewDomain();
        await factory.CreateAccountAsync($"op@{domain}", Password, Role.Operator, domain);
        var user = await factory.CreateAccountAsync($"user@{domain}", Password);
        using var op = await factory.SignedInClientAsync($"op@{domain}", Password);
        using var userClient = await factory.SignedInClientAsync(user.Email!, Password);

        var response = await op.PostAsJsonAsync($"/api/v1/accounts/{user.Id}/password", new { generate = true });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var password = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("password").GetString()!;
        (await userClient.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var again = await factory.SignedInClientAsync(user.Email!, password);
        (await again.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task OperatorOnManager_OrOtherDomain_403Forbidden()
    {
        var domain = NewDomain();
        var other = NewDomain();
        await factory.CreateAccountAsync($"op@{domain}", Password, Role.Operator, domain);
        var manager = await factory.CreateAccountAsync($"boss@{domain}", Password, Role.Manager, domain);
        var stranger = await factory.CreateAccountAsync($"user@{other}", Password);
        using var op = await factory.SignedInClientAsync($"op@{domain}", Password);

        var onManager = await op.PostAsJsonAsync($"/api/v1/accounts/{manager.Id}/password", new { generate = true });
        var onStranger = await op.PostAsJsonAsync($"/api/v1/accounts/{stranger.Id}/password", new { generate = true });

        onManager.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await Problems.ReadAsync(onManager, "forbidden");
        await Problems.ReadAsync(onStranger, "forbidden");
    }

    [Fact]
    public async Task User_CannotListOrActOnAccounts()
    {
        var domain = NewDomain();
        var user = await factory.CreateAccountAsync($"plain@{domain}", Password);
        var other = await factory.CreateAccountAsync($"other@{domain}", Password);
        using var client = await factory.SignedInClientAsync(user.Email!, Password);

        await Problems.ReadAsync(await client.GetAsync("/api/v1/accounts"), "forbidden");
        await Problems.ReadAsync(await client.PostAsJsonAsync($"/api/v1/accounts/{other.Id}/password", new { generate = true }), "forbidden");
        await Problems.ReadAsync(await client.GetAsync($"/api/v1/accounts/{other.Id}"), "forbidden");
        await Problems.ReadAsync(await client.PostAsJsonAsync("/api/v1/accounts", new { email = $"new@{domain}", role = "User", generate = true }), "forbidden");
    }

    [Fact]
    public async Task ManagerCreatesOperatorButNotManagerNorElsewhereNorAdministrator()
    {
        var domain = NewDomain();
        await factory.CreateAccountAsync($"mgr@{domain}", Password, Role.Manager, domain);
        using var manager = await factory.SignedInClientAsync($"mgr@{domain}", Password);

        var ok = await manager.PostAsJsonAsync("/api/v1/accounts", new { email = $"helper@{domain}", role = "Operator", domain, generate = true });
        var admin = await manager.PostAsJsonAsync("/api/v1/accounts", new { email = $"king@{domain}", role = "Administrator", generate = true });
        var peer = await manager.PostAsJsonAsync("/api/v1/accounts", new { email = $"peer@{domain}", role = "Manager", domain, generate = true });
        var elsewhere = await manager.PostAsJsonAsync("/api/v1/accounts", new { email = $"x@{NewDomain()}", role = "User", generate = true });

        ok.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("password").GetString()!.Length.ShouldBe(20);
        await Problems.ReadAsync(admin, "forbidden");
        await Problems.ReadAsync(peer, "forbidden");
        await Problems.ReadAsync(elsewhere, "forbidden");
    }

    [Fact]
    public async Task ListAccounts_ScopedToTheOperatorsDomains()
    {
        var domain = NewDomain();
        await factory.CreateAccountAsync($"op@{domain}", Password, Role.Operator, domain);
        await factory.CreateAccountAsync($"a@{domain}", Password);
        await factory.CreateAccountAsync($"b@{NewDomain()}", Password);
        using var op = await factory.SignedInClientAsync($"op@{domain}", Password);

        var list = await op.GetFromJsonAsync<JsonElement>("/api/v1/accounts");

        list.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("domain").GetString()).Distinct().ShouldBe([domain]);
        list.GetProperty("total").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task RequireChange_EveryOtherApiCall403UntilChanged_LoginPageLeadsToChange()
    {
        var domain = NewDomain();
        await factory.CreateAccountAsync($"admin@{domain}", Password, Role.Administrator);
        var user = await factory.CreateAccountAsync($"u@{domain}", Password);
        using var admin = await factory.SignedInClientAsync($"admin@{domain}", Password);
        (await admin.PostAsJsonAsync($"/api/v1/accounts/{user.Id}/password", new { newPassword = "Temporary-Pass-1", requireChange = true })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var client = await factory.SignedInClientAsync(user.Email!, "Temporary-Pass-1");

        await Problems.ReadAsync(await client.GetAsync("/api/v1/me/sessions"), "password_change_required");
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("mustChangePassword").GetBoolean().ShouldBeTrue();
        (await client.GetAsync("/account/security")).Headers.Location!.ToString().ShouldBe("/account/password?required=true");
        (await client.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = "Temporary-Pass-1", newPassword = "My-Own-Pass-22", confirmPassword = "My-Own-Pass-22" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await client.GetAsync("/api/v1/me/sessions")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("mustChangePassword").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task DomainPolicy_ManagerSetsNistPresetUsersSeeItOperatorCannot()
    {
        var domain = NewDomain();
        await factory.CreateAccountAsync($"mgr@{domain}", Password, Role.Manager, domain);
        await factory.CreateAccountAsync($"op@{domain}", Password, Role.Operator, domain);
        using var manager = await factory.SignedInClientAsync($"mgr@{domain}", Password);
        using var op = await factory.SignedInClientAsync($"op@{domain}", Password);
        using var anonymous = factory.CreateClient();

        await Problems.ReadAsync(await op.PutAsJsonAsync($"/api/v1/domains/{domain}/password-policy", new { preset = "nist-800-63b" }), "forbidden");
        var set = await manager.PutAsJsonAsync($"/api/v1/domains/{domain}/password-policy", new { preset = "nist-800-63b" });
        var bad = await manager.PutAsJsonAsync($"/api/v1/domains/{domain}/password-policy", new { policy = new { minLength = 50, maxLength = 10 } });

        set.StatusCode.ShouldBe(HttpStatusCode.OK);
        await Problems.ReadAsync(bad, "validation");
        var seen = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/password-policy?email=someone@{domain}");
        seen.GetProperty("policy").GetProperty("minLength").GetInt32().ShouldBe(15);
    }

    [Fact]
    public async Task AccountDetails_ShowsRecentSignInFailures()
    {
        var domain = NewDomain();
        await factory.CreateAccountAsync($"admin@{domain}", Password, Role.Administrator);
        var user = await factory.CreateAccountAsync($"f@{domain}", Password);
        using var anonymous = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await anonymous.PostAsJsonAsync("/api/v1/session", new { email = user.Email, password = "Wrong-Pass-1" });
        using var admin = await factory.SignedInClientAsync($"admin@{domain}", Password);

        var details = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/accounts/{user.Id}");

        details.GetProperty("recentFailures")[0].GetProperty("reason").GetString().ShouldBe("wrong_password");
        details.GetProperty("account").GetProperty("email").GetString().ShouldBe(user.Email);
    }

    [Fact]
    public async Task Roles_ManagerGrantsOperatorInOwnDomainNeverManagerNorElsewhereAndChangeAppliesAtOnce()
    {
        var domain = NewDomain();
        await factory.CreateAccountAsync($"mgr@{domain}", Password, Role.Manager, domain);
        var user = await factory.CreateAccountAsync($"u@{domain}", Password);
        using var manager = await factory.SignedInClientAsync($"mgr@{domain}", Password);
        using var userClient = await factory.SignedInClientAsync(user.Email!, Password);
        await Problems.ReadAsync(await userClient.GetAsync("/api/v1/accounts"), "forbidden");

        var grant = await manager.PostAsJsonAsync($"/api/v1/accounts/{user.Id}/roles", new { role = "Operator", domain });
        var elsewhere = await manager.PostAsJsonAsync($"/api/v1/accounts/{user.Id}/roles", new { role = "Operator", domain = NewDomain() });
        var admin = await manager.PostAsJsonAsync($"/api/v1/accounts/{user.Id}/roles", new { role = "Administrator" });
        var peer = await manager.PostAsJsonAsync($"/api/v1/accounts/{user.Id}/roles", new { role = "Manager", domain });

        grant.StatusCode.ShouldBe(HttpStatusCode.OK);
        await Problems.ReadAsync(peer, "forbidden");
        await Problems.ReadAsync(elsewhere, "forbidden");
        await Problems.ReadAsync(admin, "forbidden");
        (await userClient.GetAsync("/api/v1/accounts")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await manager.DeleteAsync($"/api/v1/accounts/{user.Id}/roles?role=Operator&domain={domain}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Problems.ReadAsync(await userClient.GetAsync("/api/v1/accounts"), "forbidden");
    }

    private static string NewDomain() => $"d{Guid.NewGuid():N}"[..10] + ".example";
}
