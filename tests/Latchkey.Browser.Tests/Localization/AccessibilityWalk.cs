using Deque.AxeCore.Playwright;
using Latchkey.Browser.Tests.Infrastructure;
using Latchkey.Core.Data;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Latchkey.Browser.Tests.Localization;

/// <summary>
/// Every page, in every language, at a desktop width (1280 px) and a phone width (375 px): nothing makes the page
/// scroll sideways and <c>&lt;html lang&gt;</c> is the page's language. axe-core finds no violation: in every
/// language at 1280 px (the texts differ per language: names, labels, titles), and in English at 375 px (the layout
/// differs per width, not per language; the sideways-scroll check covers the longer texts at the phone width). The
/// walk checks pages, not storage: it runs once, in the SQLite pass of test.sh (the pages' data paths are covered on
/// both databases by the other tests). The languages are split over two classes, which xUnit runs side by side.
/// </summary>
[Trait("Provider", "sqlite")]
public abstract class AccessibilityWalk(Chromium chromium, ITestOutputHelper output)
{
    private const string Password = "Valid-Pass1";

    /// <summary>The width at which axe runs in every language; at the others it runs in English only.</summary>
    private const int AxeInEveryLanguageWidth = 1280;

    protected async Task WalkEveryPageAsync(string language)
    {
        using var server = new LiveServer();
        var admin = await server.CreateAccountAsync("root@example.com", Password, Role.Administrator);
        var user = await server.CreateAccountAsync("jane.with.a.rather.long.address@example.com", Password, mailbox: true);
        var resetLink = await ResetLinks.CreateAsync(server, user.Email!);
        var anonymous = new[] { "/login", "/login?signedOut=password-changed", "/forgot-password", new Uri(resetLink).PathAndQuery, "/logout", "/setup?token=expired" };
        var signedIn = new[]
        {
            "/", "/account/password", "/account/security", "/account/language", "/admin/accounts", "/admin/accounts/new",
            $"/admin/accounts/{user.Id}", "/admin/domains", "/admin/domains/example.com/policy", "/admin/audit",
        };
        var problems = new List<string>();

        foreach (var width in new[] { AxeInEveryLanguageWidth, 375 })
        {
            var axe = width == AxeInEveryLanguageWidth || language == "en";
            await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = 800 } });
            await context.AddCookiesAsync([new() { Name = "latchkey_language", Value = language, Url = server.BaseUrl }]);
            var page = await context.NewPageAsync();
            foreach (var path in anonymous)
            {
                await CheckAsync(page, server.BaseUrl + path, width, language, axe, problems);
            }

            // Signed in by field ids: the labels are in the page's language.
            await page.GotoAsync(server.BaseUrl + "/login");
            await page.Locator("#email").FillAsync(admin.Email!);
            await page.Locator("#password").FillAsync(Password);
            await page.Locator("main form").First.Locator("button[type=submit]").ClickAsync();
            await page.WaitForURLAsync(server.BaseUrl + "/");
            foreach (var path in signedIn)
            {
                await CheckAsync(page, server.BaseUrl + path, width, language, axe, problems);
            }

            await page.Locator(".user-menu summary").ClickAsync();
            await CheckAsync(page, null, width, language, axe, problems);
        }

        problems.ShouldBeEmpty(string.Join("\n", problems));
    }

    private async Task CheckAsync(IPage page, string? url, int width, string language, bool axe, List<string> problems)
    {
        if (url is not null)
        {
            await page.GotoAsync(url);
        }

        var where = $"{language} {width}px {page.Url}";
        if (await page.Locator("html").GetAttributeAsync("lang") != language)
        {
            problems.Add($"{where}: <html lang> is not {language}");
        }

        var violations = axe ? (await page.RunAxe()).Violations : [];
        foreach (var violation in violations)
        {
            problems.Add($"{where}: {violation.Id} ({violation.Impact}) {violation.Help}: {string.Join(" ; ", violation.Nodes.Select(n => n.Html))}");
        }

        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        if (overflow > 0)
        {
            problems.Add($"{where}: scrolls sideways by {overflow} px");
        }

        output.WriteLine($"{where}: {(axe ? violations.Length + " violations" : "axe not run")}, overflow {overflow} px");
    }
}

