using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Latchkey.Tests.Infrastructure;
using Latchkey.Web.Tests.Infrastructure;

namespace Latchkey.Web.Tests.Operations;

/// <summary>/metrics: off by default, token-gated when on, and Latchkey's counters move with real traffic.</summary>
[Collection(MetricsAlone.Name)]
public sealed partial class MetricsEndpointTests
{
    private const string Password = "Valid-Pass1";
    private const string Token = "metrics-token-0123456789abcdefghijklmnop";

    [Fact]
    public async Task GetMetrics_AfterSignIns_CountersMovedAndNoAddressInLabels()
    {
        using var factory = Factory();
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var client = factory.CreateClient();
        var before = Counter(await ScrapeAsync(client), "latchkey_sign_ins_total", "outcome=\"success\",protocol=\"web\"");

        (await client.PostAsJsonAsync("/api/v1/session", new { email = account.Email, password = Password })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/api/v1/session", new { email = account.Email, password = "Wrong-Pass1" })).IsSuccessStatusCode.ShouldBeFalse();
        (await client.GetAsync("/api/v1/me")).EnsureSuccessStatusCode();
        var text = await ScrapeUntilAsync(client, "http_server_request_duration_seconds_count");

        Counter(text, "latchkey_sign_ins_total", "outcome=\"success\",protocol=\"web\"").ShouldBeGreaterThanOrEqualTo(before + 1);
        Counter(text, "latchkey_sign_ins_total", "outcome=\"wrong_password\",protocol=\"web\"").ShouldBeGreaterThanOrEqualTo(1);
        Counter(text, "latchkey_password_hashing_duration_seconds_count", "kind=\"verify\"").ShouldBeGreaterThanOrEqualTo(2);
        text.ShouldContain("latchkey_password_hashing_wait_seconds_count");
        text.ShouldContain("http_server_request_duration_seconds_count");
        text.ShouldNotContain("127.0.0.1");
        text.ShouldNotContain(account.Email!);
        text.ShouldNotContain("server_address");
        text.ShouldNotContain("client_address");
    }

    [Fact]
    public async Task GetMetrics_WithoutOrWithWrongToken_404()
    {
        using var factory = Factory();
        using var client = factory.CreateClient();

        (await client.GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token + "x");
        (await client.SendAsync(wrong)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetMetrics_DisabledByDefault_404EvenWithAToken()
    {
        using var factory = new LatchkeyWebFactory();
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        (await client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public void Start_MetricsEnabledWithShortToken_Refused()
    {
        using var factory = new LatchkeyWebFactory();
        factory.Settings["Latchkey:Telemetry:MetricsEnabled"] = "true";
        factory.Settings["Latchkey:Telemetry:MetricsToken"] = "short";

        var error = Should.Throw<Exception>(() => factory.CreateClient());

        error.ToString().ShouldContain("Latchkey:Telemetry:MetricsToken");
    }

    private static LatchkeyWebFactory Factory()
    {
        var factory = new LatchkeyWebFactory();
        factory.Settings["Latchkey:Telemetry:MetricsEnabled"] = "true";
        factory.Settings["Latchkey:Telemetry:MetricsToken"] = Token;
        return factory;
    }

    private static async Task<string> ScrapeAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var response = await client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>
    /// Scrapes until <paramref name="expected"/> appears (at most 5 s): the host records a request's duration when the
    /// request ends, which the test server may report after the client has read the response.
    /// </summary>
    private static async Task<string> ScrapeUntilAsync(HttpClient client, string expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        var text = await ScrapeAsync(client);
        while (!text.Contains(expected, StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            text = await ScrapeAsync(client);
        }

        return text;
    }

    /// <summary>The value of <paramref name="name"/> whose labels contain <paramref name="labels"/>; 0 when absent.</summary>
    private static double Counter(string text, string name, string labels)
    {
        foreach (var line in text.Split('\n'))
        {
            var match = SampleLine().Match(line);
            if (match.Success && match.Groups["name"].Value == name && match.Groups["labels"].Value.Contains(labels, StringComparison.Ordinal))
            {
                return double.Parse(match.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)\{(?<labels>[^}]*)\} (?<value>[0-9.eE+-]+)")]
    private static partial Regex SampleLine();
}
