using System.Net;
using System.Net.Http.Json;
using System.Text;
using Latchkey.Core.Data;
using Latchkey.Tests.Infrastructure;
using Latchkey.Web.Tests.Infrastructure;

namespace Latchkey.Web.Tests.Hosting;

/// <summary>Finding 1 of issue 14: a state-changing API request must prove it is not cross-origin (ASVS 3.5.1).</summary>
public sealed class CrossOriginGuardTests : IClassFixture<CrossOriginGuardTests.Factory>
{
    private const string Password = "Valid-Pass1";
    private readonly Factory _factory;

    public CrossOriginGuardTests(Factory factory) => _factory = factory;

    [Theory]
    [InlineData("same-site")]
    [InlineData("cross-site")]
    public async Task Disable_SecFetchSiteNotSameOrigin_403AndAccountStaysEnabled(string site)
    {
        var (admin, target) = await AdminAndTargetAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/accounts/{target.Id}/disable");
        request.Headers.Add("Sec-Fetch-Site", site);

        var response = await admin.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await Problems.ReadAsync(response, "cross_origin");
        await AssertEnabledAsync(admin, target);
    }

    [Fact]
    public async Task Disable_OriginOfAnotherPort_403()
    {
        var (admin, target) = await AdminAndTargetAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/accounts/{target.Id}/disable");
        request.Headers.Add("Origin", "http://127.0.0.1:1");

        await Problems.ReadAsync(await admin.SendAsync(request), "cross_origin");
        await AssertEnabledAsync(admin, target);
    }

    [Theory]
    [InlineData("text/plain", "x=1")]
    [InlineData("application/x-www-form-urlencoded", "x=1")]
    [InlineData("multipart/form-data; boundary=b", "--b--")]
    public async Task RevokeAll_NonJsonBody_415(string contentType, string body)
    {
        var (admin, _) = await AdminAndTargetAsync();
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        var response = await admin.PostAsync("/api/v1/me/sessions/revoke-all", content);

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        await Problems.ReadAsync(response, "unsupported_media_type");
        (await admin.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Disable_SameOriginHeadersOrNone_Accepted()
    {
        var (admin, target) = await AdminAndTargetAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/accounts/{target.Id}/disable");
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        request.Headers.Add("Origin", Factory.PublicOrigin);
        using var enable = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/accounts/{target.Id}/enable") { Content = JsonContent.Create(new { }) };
        enable.Headers.Add("Sec-Fetch-Site", "none");

        (await admin.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await admin.SendAsync(enable)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Disable_BearerRequestFromAnotherOrigin_NotRefusedAsCrossOrigin()
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/accounts/{Guid.NewGuid()}/disable") { Content = new StringContent("x", Encoding.UTF8, "text/plain") };
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-a-cookie");

        var response = await client.SendAsync(request);

        response.StatusCode.ShouldNotBe(HttpStatusCode.Forbidden);
        response.StatusCode.ShouldNotBe(HttpStatusCode.UnsupportedMediaType);
    }

    private async Task<(HttpClient Admin, Account Target)> AdminAndTargetAsync()
    {
        var admin = await _factory.CreateAccountAsync(UniqueEmail.New(), Password, Role.Administrator);
        var target = await _factory.CreateAccountAsync(UniqueEmail.New(), Password);
        return (await _factory.SignedInClientAsync(admin.Email!, Password), target);
    }

    private static async Task AssertEnabledAsync(HttpClient admin, Account target)
    {
        var details = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/accounts/{target.Id}");
        details.GetProperty("account").GetProperty("disabled").GetBoolean().ShouldBeFalse();
    }

    public sealed class Factory : LatchkeyWebFactory
    {
        public const string PublicOrigin = "https://panel.example";

        public Factory() => Settings["Latchkey:PublicUrl"] = PublicOrigin + "/";
    }
}
