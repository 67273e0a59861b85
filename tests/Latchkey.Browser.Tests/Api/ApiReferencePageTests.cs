using Latchkey.Browser.Tests.Infrastructure;
using Latchkey.Core.Data;
using Microsoft.Playwright;

namespace Latchkey.Browser.Tests.Api;

/// <summary>The Scalar reference at /api renders the OpenAPI document in Chromium under the app's CSP, calling no other origin.</summary>
public sealed class ApiReferencePageTests(Chromium chromium) : IClassFixture<Chromium>
{
    private const string Password = "Strong-Pass-42";

    [Fact]
    public async Task Administrator_OpensApi_OperationsRenderWithNoCspViolationAndNoOtherOrigin()
    {
        using var server = new LiveServer();
        await server.CreateAccountAsync("reference@example.com", Password, Role.Administrator);
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserSignIn.SignInAsync(page, server.BaseUrl, "reference@example.com", Password);
        var errors = new List<string>();
        var elsewhere = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(server.BaseUrl, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal) && !request.Url.StartsWith("blob:", StringComparison.Ordinal))
            {
                elsewhere.Add(request.Url);
            }
        };

        await page.GotoAsync(server.BaseUrl + "/api");

        await Assertions.Expect(page.GetByText("The signed-in account's live API tokens (never the secret).").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        page.Url.ShouldBe(server.BaseUrl + "/api/");
        errors.Where(e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)).ShouldBeEmpty();
        elsewhere.ShouldBeEmpty();
    }
}
