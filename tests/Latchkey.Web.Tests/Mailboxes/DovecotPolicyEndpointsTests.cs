using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Latchkey.Core.Data;
using Latchkey.Core.Mailboxes;
using Latchkey.Tests.Infrastructure;
using Latchkey.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Web.Tests.Mailboxes;

public sealed class DovecotPolicyEndpointsTests(LatchkeyWebFactory factory) : IClassFixture<LatchkeyWebFactory>
{
    private const string Password = "Valid-Pass1";

    [Fact]
    public async Task Post_WithoutTheSecret_401AskingForBasicAuth()
    {
        await SecretAsync();
        using var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/dovecot/policy?command=allow", new { login = "a@example.com", remote = "127.0.0.1" });

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldStartWith("Basic");
        await Problems.ReadAsync(response, "unauthorized");
    }

    [Theory]
    [InlineData("dovecot", "not-the-secret")]
    [InlineData("admin", null)]
    public async Task Post_WrongUserOrSecret_401(string user, string? secret)
    {
        var real = await SecretAsync();
        using var client = Client(user, secret ?? real.Secret);

        var response = await client.PostAsJsonAsync("/dovecot/policy?command=allow", new { login = "a@example.com" });

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Post_AllowWithSecret_StatusZero()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);
        using var client = Client("dovecot", (await SecretAsync()).Secret);

        var answer = await PostAsync(client, "allow", new { login = account.Email, pwhash = "0123", remote = "203.0.113.7", protocol = "imap", tls = false });

        answer.GetProperty("status").GetInt32().ShouldBe(0);
        answer.GetProperty("msg").GetString().ShouldBe("");
    }

    [Theory]
    [InlineData("deny")]
    [InlineData("")]
    public async Task Post_UnknownCommand_400(string command)
    {
        using var client = Client("dovecot", (await SecretAsync()).Secret);

        var response = await client.PostAsJsonAsync($"/dovecot/policy?command={command}", new { login = "a@example.com" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Post_NotJson_400()
    {
        using var client = Client("dovecot", (await SecretAsync()).Secret);

        var response = await client.PostAsync("/dovecot/policy?command=report", new StringContent("not json", Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ReportedFailures_TenDistinct_AllowAnswersAsForAnUnknownUserAndWebRefuses()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);
        using var client = Client("dovecot", (await SecretAsync()).Secret);
        for (var i = 0; i < 10; i++)
        {
            await PostAsync(client, "allow", new { login = account.Email, pwhash = $"0{i:x3}", remote = "203.0.113.7", protocol = "imap" });
            await PostAsync(client, "report", new { login = account.Email, pwhash = $"0{i:x3}", remote = "203.0.113.7", protocol = "imap", success = false, policy_reject = false });
        }

        var answer = await PostAsync(client, "allow", new { login = account.Email, pwhash = "0fff", remote = "203.0.113.7", protocol = "imap" });

        var unknown = await PostAsync(client, "allow", new { login = "nobody-" + account.Email, pwhash = "0fff", remote = "203.0.113.7", protocol = "imap" });
        answer.ToString().ShouldBe(unknown.ToString());
        using var web = factory.CreateClient();
        var signIn = await web.PostAsJsonAsync("/api/v1/session", new { email = account.Email, password = Password });
        signIn.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await Problems.ReadAsync(signIn, "invalid_credentials");
    }

    [Fact]
    public async Task ReportedStaleAttempts_ShownInMeAndNeverLock()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);
        using var dovecot = Client("dovecot", (await SecretAsync()).Secret);
        for (var i = 0; i < 12; i++)
        {
            await PostAsync(dovecot, "report", new { login = account.Email, pwhash = "04fb", remote = "203.0.113.7", protocol = "imap", stale = "y", success = true, policy_reject = false });
        }

        using var user = await factory.SignedInClientAsync(account.Email!, Password);
        var me = await user.GetFromJsonAsync<JsonElement>("/api/v1/me");

        me.GetProperty("locked").GetBoolean().ShouldBeFalse();
        var stale = me.GetProperty("staleDevices").EnumerateArray().ShouldHaveSingleItem();
        stale.GetProperty("protocol").GetString().ShouldBe("imap");
        stale.GetProperty("ip").GetString().ShouldBe("203.0.113.7");
        stale.GetProperty("attempts").GetInt32().ShouldBe(12);
        stale.TryGetProperty("lastSeenAt", out _).ShouldBeTrue();
        var security = await user.GetStringAsync("/account/security");
        security.ShouldContain("is still using your previous password");
        security.ShouldContain("203.0.113.7");
    }

    private async Task<DovecotPolicySecret> SecretAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DovecotPolicySecrets>().GetOrCreateAsync();
    }

    private HttpClient Client(string user, string secret)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{secret}")));
        return client;
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string command, object body)
    {
        var response = await client.PostAsJsonAsync($"/dovecot/policy?command={command}", body);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
