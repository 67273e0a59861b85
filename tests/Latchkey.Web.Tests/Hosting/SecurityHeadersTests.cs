using System.Net;
using Latchkey.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Web.Tests.Hosting;

/// <summary>Finding 5 of issue 14: headers on every answer, HSTS and Secure cookies over HTTPS, API problems for 404/405/415.</summary>
public sealed class SecurityHeadersTests(SecurityHeadersTests.Factory factory) : IClassFixture<SecurityHeadersTests.Factory>
{
    [Theory]
    [InlineData("/boom")]
    [InlineData("/api/v1/boom")]
    public async Task UnhandledException_500StillCarriesTheSecurityHeaders(string path)
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task LoginOverHttps_HstsAndSecureAntiforgeryCookie()
    {
        using var https = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        using var http = factory.CreateClient();

        var secure = await https.GetAsync("/login");
        var plain = await http.GetAsync("/login");

        secure.Headers.GetValues("Strict-Transport-Security").Single().ShouldStartWith("max-age=31536000");
        secure.Headers.GetValues("Set-Cookie").Where(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal))
            .ShouldHaveSingleItem().ShouldContain("secure", Case.Insensitive);
        plain.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
        AssertSecurityHeaders(secure);
    }

    [Fact]
    public async Task ApiUnknownRoute_404Problem()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/api/v1/no-such-thing");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await Problems.ReadAsync(response, "not_found");
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task ApiWrongMethod_405Problem()
    {
        using var client = factory.CreateClient();

        var response = await client.PutAsync("/api/v1/password-policy", null);

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        await Problems.ReadAsync(response, "method_not_allowed");
    }

    [Fact]
    public async Task ApiWrongMediaTypeFromABearerClient_415Problem()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/session") { Content = new StringContent("email=a", System.Text.Encoding.UTF8, "text/plain") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "x");

        var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        await Problems.ReadAsync(response, "unsupported_media_type");
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("no-referrer");
        var csp = response.Headers.TryGetValues("Content-Security-Policy", out var values) ? values.Single() : response.Content.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("frame-ancestors 'none'");
    }

    /// <summary>The real host plus, behind everything it maps, a middleware that throws on /boom and /api/v1/boom.</summary>
    public sealed class Factory : LatchkeyWebFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder!.ConfigureServices(services => services.AddSingleton<IStartupFilter, ThrowingStartupFilter>());
        }
    }

    private sealed class ThrowingStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, Func<Task> nextMiddleware) => context.Request.Path.Value!.EndsWith("/boom", StringComparison.Ordinal)
                ? throw new InvalidOperationException("boom for the test")
                : nextMiddleware());
        };
    }
}
