using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Latchkey.Core.Data;
using Latchkey.Tests.Infrastructure;
using Latchkey.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Latchkey.Web.Tests.Sessions;

/// <summary>Real server processes: a restart, and two nodes on one PostgreSQL.</summary>
public sealed class ServerProcessTests(ITestOutputHelper output)
{
    private const string Password = "Valid-Pass1";

    [Fact]
    public async Task Cookie_SurvivesAServerRestart()
    {
        using var store = TestStore.Create();
        var settings = WithAdmin(store);
        string cookie;
        using (var first = await ServerProcess.StartAsync(settings, store.DataDirectory))
        {
            cookie = await SignInAsync(first.BaseUrl);
        }

        using var second = await ServerProcess.StartAsync(settings, store.DataDirectory);
        using var client = ClientWithCookie(cookie);

        (await client.GetAsync(second.BaseUrl + "/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TwoNodesOnOnePostgres_RevokeThroughA_RefusedByBWithinOneSecond()
    {
        using var store = TestStore.Create(DatabaseProvider.Postgres);
        var settings = WithAdmin(store);
        using var nodeA = await ServerProcess.StartAsync(settings, store.DataDirectory);
        using var nodeB = await ServerProcess.StartAsync(settings, store.DataDirectory);
        var cookie = await SignInAsync(nodeA.BaseUrl);
        using var client = ClientWithCookie(cookie);
        for (var i = 0; i < 5; i++)
        {
            (await client.GetAsync(nodeB.BaseUrl + "/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var clock = Stopwatch.StartNew();
        (await client.PostAsJsonAsync(nodeA.BaseUrl + "/api/v1/me/sessions/revoke-all", new { includeCurrent = true })).EnsureSuccessStatusCode();
        var revokeReturned = clock.Elapsed;
        HttpStatusCode status;
        do
        {
            status = (await client.GetAsync(nodeB.BaseUrl + "/api/v1/me")).StatusCode;
        }
        while (status == HttpStatusCode.OK && clock.Elapsed < TimeSpan.FromSeconds(5));
        var propagation = clock.Elapsed - revokeReturned;

        output.WriteLine($"Revocation through node A refused by node B {propagation.TotalMilliseconds:F1} ms after the revoke returned.");
        Console.WriteLine($"Session revocation propagation A -> B: {propagation.TotalMilliseconds:F1} ms");
        status.ShouldBe(HttpStatusCode.Unauthorized);
        propagation.ShouldBeLessThan(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task PagesWithForms_ServedWithoutTheAntiforgeryCacheHeaderWarning()
    {
        using var store = TestStore.Create();
        using var server = await ServerProcess.StartAsync(WithAdmin(store), store.DataDirectory);
        using var client = new HttpClient();

        foreach (var page in new[] { "/login", "/forgot-password" })
        {
            using var response = await client.GetAsync(server.BaseUrl + page);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Headers.CacheControl!.NoStore.ShouldBeTrue();
            (await response.Content.ReadAsStringAsync()).ShouldContain("__RequestVerificationToken");
        }

        server.Output.ShouldNotContain(line => line.Contains("have been overridden", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AntiforgeryTokenFromNodeA_AcceptedByNodeB_KeysLiveInTheStore()
    {
        using var store = TestStore.Create();
        var settings = WithAdmin(store);
        using var nodeA = await ServerProcess.StartAsync(settings, store.DataDirectory);
        using var nodeB = await ServerProcess.StartAsync(settings, store.DataDirectory);
        var cookies = new System.Net.CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false });
        var form = await client.GetStringAsync(nodeA.BaseUrl + "/login");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        foreach (System.Net.Cookie cookie in cookies.GetCookies(new Uri(nodeA.BaseUrl)))
        {
            cookies.Add(new Uri(nodeB.BaseUrl), new System.Net.Cookie(cookie.Name, cookie.Value, "/"));
        }

        var response = await client.PostAsync(nodeB.BaseUrl + "/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Email"] = "admin@example.com",
            ["Password"] = Password,
        }));

        token.ShouldNotBeEmpty();
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Theory]
    [InlineData(null, "127.0.0.1")]
    [InlineData("127.0.0.1", "203.0.113.50")]
    public async Task ForwardedFor_BelievedOnlyFromAConfiguredProxy(string? knownProxy, string recordedIp)
    {
        using var store = TestStore.Create();
        var settings = WithAdmin(store);
        if (knownProxy is not null)
        {
            settings["Latchkey:Web:KnownProxies:0"] = knownProxy;
        }

        using var node = await ServerProcess.StartAsync(settings, store.DataDirectory);
        using var client = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new System.Net.CookieContainer() });
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.50");
        (await client.PostAsJsonAsync(node.BaseUrl + "/api/v1/session", new { email = "admin@example.com", password = Password })).EnsureSuccessStatusCode();

        var sessions = await client.GetFromJsonAsync<System.Text.Json.JsonElement>(node.BaseUrl + "/api/v1/me/sessions");

        sessions.GetProperty("items")[0].GetProperty("ip").GetString().ShouldBe(recordedIp);
    }

    private static Dictionary<string, string?> WithAdmin(TestStore store)
    {
        var settings = store.Settings;
        settings["Latchkey:Bootstrap:AdminEmail"] = "admin@example.com";
        settings["Latchkey:Bootstrap:AdminPassword"] = Password;
        return settings;
    }

    private static async Task<string> SignInAsync(string baseUrl)
    {
        using var client = new HttpClient();
        var response = await client.PostAsJsonAsync(baseUrl + "/api/v1/session", new { email = "admin@example.com", password = Password });
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("latchkey_session=", StringComparison.Ordinal)).Split(';')[0];
    }

    private static HttpClient ClientWithCookie(string cookie)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }
}
