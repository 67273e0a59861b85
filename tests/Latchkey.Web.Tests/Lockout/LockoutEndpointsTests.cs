using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Latchkey.Core.Data;
using Latchkey.Core.Lockout;
using Latchkey.Tests.Infrastructure;
using Latchkey.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Web.Tests.Lockout;

public sealed class LockoutEndpointsTests(LatchkeyWebFactory factory) : IClassFixture<LatchkeyWebFactory>
{
    private const string Password = "Valid-Pass1";

    [Fact]
    public async Task Unlock_ByAdministrator_LockEndsAndSignInWorks()
    {
        var admin = await factory.CreateAccountAsync(UniqueEmail.New(), Password, Role.Administrator);
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);
        await LockAsync(account);
        using var anonymous = factory.CreateClient();
        await Problems.ReadAsync(await anonymous.PostAsJsonAsync("/api/v1/session", new { email = account.Email, password = Password }), "invalid_credentials");
        using var client = await factory.SignedInClientAsync(admin.Email!, Password);
        var lockout = await client.GetFromJsonAsync<JsonElement>($"/api/v1/accounts/{account.Id}/lockout");

        var response = await client.PostAsync($"/api/v1/accounts/{account.Id}/unlock", null);

        lockout.GetProperty("locked").GetBoolean().ShouldBeTrue();
        lockout.GetProperty("recentFailures").GetArrayLength().ShouldBe(10);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("wasLocked").GetBoolean().ShouldBeTrue();
        (await anonymous.PostAsJsonAsync("/api/v1/session", new { email = account.Email, password = Password })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Unlock_ByPlainUser_403()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);
        var user = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var client = await factory.SignedInClientAsync(user.Email!, Password);

        await Problems.ReadAsync(await client.PostAsync($"/api/v1/accounts/{account.Id}/unlock", null), "forbidden");
        await Problems.ReadAsync(await client.GetAsync($"/api/v1/accounts/{account.Id}/lockout"), "forbidden");
    }

    [Fact]
    public async Task Unlock_OperatorOfTheDomain_UnlocksUsersButNotAManager()
    {
        var domain = $"d{Guid.NewGuid():N}"[..10] + ".example";
        await factory.CreateAccountAsync($"op@{domain}", Password, Role.Operator, domain);
        var user = await factory.CreateAccountAsync($"user@{domain}", Password, mailbox: true);
        var manager = await factory.CreateAccountAsync($"boss@{domain}", Password, Role.Manager, domain);
        using var op = await factory.SignedInClientAsync($"op@{domain}", Password);
        await LockAsync(user);
        using var newBrowser = factory.CreateClient();
        await Problems.ReadAsync(await newBrowser.PostAsJsonAsync("/api/v1/session", new { email = user.Email, password = Password }), "invalid_credentials");

        var onUser = await op.PostAsync($"/api/v1/accounts/{user.Id}/unlock", null);
        var onManager = await op.PostAsync($"/api/v1/accounts/{manager.Id}/unlock", null);

        onUser.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await newBrowser.PostAsJsonAsync("/api/v1/session", new { email = user.Email, password = Password })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await op.GetAsync($"/api/v1/accounts/{user.Id}/lockout")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Problems.ReadAsync(onManager, "forbidden");
    }

    [Fact]
    public async Task WebSignInWithThePreviousPassword_StaleDeviceNotALock()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var user = await factory.SignedInClientAsync(account.Email!, Password);
        (await user.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = Password, newPassword = "Brand-New-Pass-8", confirmPassword = "Brand-New-Pass-8" }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var oldBrowser = factory.CreateClient();
        oldBrowser.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");
        (await user.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("staleDevices").GetArrayLength().ShouldBe(0);

        for (var i = 0; i < 15; i++)
        {
            (await oldBrowser.PostAsJsonAsync("/api/v1/session", new { email = account.Email, password = Password })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        var me = await user.GetFromJsonAsync<JsonElement>("/api/v1/me");
        me.GetProperty("locked").GetBoolean().ShouldBeFalse();
        var stale = me.GetProperty("staleDevices").EnumerateArray().Single();
        stale.GetProperty("protocol").GetString().ShouldBe("web");
        stale.GetProperty("attempts").GetInt32().ShouldBe(15);
    }

    [Fact]
    public async Task Unlock_UnknownAccount_404()
    {
        var admin = await factory.CreateAccountAsync(UniqueEmail.New(), Password, Role.Administrator);
        using var client = await factory.SignedInClientAsync(admin.Email!, Password);

        await Problems.ReadAsync(await client.PostAsync($"/api/v1/accounts/{Guid.NewGuid()}/unlock", null), "not_found");
    }

    [Fact]
    public async Task LoginPage_LockedAccountFromNewBrowser_SameAnswerAsAWrongPassword()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        await LockAsync(account);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var locked = await SubmitLoginAsync(client, account.Email!, Password);
        var wrong = await SubmitLoginAsync(client, "nobody-" + account.Email, Password);

        locked.Status.ShouldBe(HttpStatusCode.Unauthorized);
        locked.ShouldBe(wrong);
    }

    [Fact]
    public async Task LoginPage_BrowserThatSignedInBefore_SignsInWhileLockedForOthers()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var owner = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await SubmitLoginAsync(owner, account.Email!, Password)).Status.ShouldBe(HttpStatusCode.Redirect);
        (await owner.PostAsJsonAsync("/api/v1/session", new { email = account.Email, password = Password })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await owner.DeleteAsync("/api/v1/session")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await LockAsync(account);
        using var stranger = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var refused = await SubmitLoginAsync(stranger, account.Email!, Password);
        var signedIn = await SubmitLoginAsync(owner, account.Email!, Password);

        refused.Status.ShouldBe(HttpStatusCode.Unauthorized);
        signedIn.Status.ShouldBe(HttpStatusCode.Redirect);
        (await owner.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<(HttpStatusCode Status, string? Alert)> SubmitLoginAsync(HttpClient client, string email, string password)
    {
        var page = await HtmlForms.ParseAsync(await client.GetAsync("/login"));
        var response = await HtmlForms.SubmitAsync(client, page, new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            return (response.StatusCode, null);
        }

        return (response.StatusCode, (await HtmlForms.ParseAsync(response)).QuerySelector("[role=alert]")?.TextContent);
    }

    private async Task LockAsync(Account account)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var lockout = scope.ServiceProvider.GetRequiredService<FailureCounter>();
        for (var i = 0; i < 10; i++)
        {
            await lockout.RecordFailureAsync(new FailedLogin(account.Id, account.Email!, "203.0.113.7", "imap", $"0{i:x3}"));
        }
    }
}
