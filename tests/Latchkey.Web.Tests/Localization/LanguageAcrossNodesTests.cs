using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Latchkey.Core.Data;
using Latchkey.Tests.Infrastructure;
using Latchkey.Web.Tests.Infrastructure;

namespace Latchkey.Web.Tests.Localization;

/// <summary>Two real server processes on one PostgreSQL: a language chosen through one node is used by the other at once.</summary>
public sealed class LanguageAcrossNodesTests
{
    private const string Password = "Valid-Pass1";

    [Fact]
    public async Task LanguageSetThroughA_NextPageOnBIsInThatLanguage()
    {
        using var store = TestStore.Create(DatabaseProvider.Postgres);
        var settings = store.Settings;
        settings["Latchkey:Bootstrap:AdminEmail"] = "admin@example.com";
        settings["Latchkey:Bootstrap:AdminPassword"] = Password;
        using var nodeA = await ServerProcess.StartAsync(settings, store.DataDirectory);
        using var nodeB = await ServerProcess.StartAsync(settings, store.DataDirectory);
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false });
        var signIn = await client.PostAsJsonAsync(nodeA.BaseUrl + "/api/v1/session", new { email = "admin@example.com", password = Password });
        signIn.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Add("Cookie", signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("latchkey_session=", StringComparison.Ordinal)).Split(';')[0]);
        (await client.GetFromJsonAsync<JsonElement>(nodeB.BaseUrl + "/api/v1/me")).GetProperty("language").GetString().ShouldBe("en");

        var clock = Stopwatch.StartNew();
        (await client.PutAsJsonAsync(nodeA.BaseUrl + "/api/v1/me/language", new { language = "ru" })).EnsureSuccessStatusCode();
        string? language;
        do
        {
            language = (await client.GetFromJsonAsync<JsonElement>(nodeB.BaseUrl + "/api/v1/me")).GetProperty("language").GetString();
        }
        while (language != "ru" && clock.Elapsed < TimeSpan.FromSeconds(5));

        language.ShouldBe("ru");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(1));
        (await client.GetStringAsync(nodeB.BaseUrl + "/account/password")).ShouldContain("<html lang=\"ru\">");
    }
}
