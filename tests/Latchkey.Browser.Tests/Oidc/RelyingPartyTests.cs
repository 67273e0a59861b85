using Latchkey.Browser.Tests.Infrastructure;
using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Latchkey.Core.Oidc;
using Latchkey.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Latchkey.Browser.Tests.Oidc;

/// <summary>
/// A real relying party (<see cref="RelyingParty"/>, ASP.NET Core's OpenID Connect handler) signs a user in through
/// Latchkey's own sign-in page in Chromium, shows the ID token's claims, and is signed out by the back-channel logout
/// token that <em>Log out of all devices</em> sends: its next request goes back to Latchkey's sign-in.
/// </summary>
[Collection(TimedAlone.Name)]
public sealed class RelyingPartyTests(Chromium chromium, ITestOutputHelper output) : IClassFixture<Chromium>
{
    private const string Password = "Valid-Pass1";

    [Fact]
    public async Task SignInThroughLatchkey_ClaimsShown_LogOutOfAllDevicesEndsTheAppsSessionWithinASecond()
    {
        var latchkeyPort = FreePorts.Next();
        using var server = new LiveServer(
            new Dictionary<string, string?>
            {
                ["Latchkey:Oidc:RequireHttps"] = "false",
                ["Latchkey:Oidc:Issuer"] = $"http://127.0.0.1:{latchkeyPort}/",
            },
            latchkeyPort);
        var account = await server.CreateAccountAsync("rita@example.org", Password, Role.Operator, "example.org");
        var rpPort = FreePorts.Next();
        RegisteredClient client;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var registered = await scope.ServiceProvider.GetRequiredService<RegisterClientHandler>().HandleAsync(
                new RegisterClientCommand("Shop admin", [$"http://127.0.0.1:{rpPort}/signin-oidc"], $"http://127.0.0.1:{rpPort}/signout-callback-oidc", $"http://127.0.0.1:{rpPort}/backchannel-logout", true),
                Actor.Console,
                AuditContext.Cli);
            Assert.True(registered.Succeeded, registered.Failure?.Message);
            client = registered.Value!;
        }

        await using var rp = await RelyingParty.StartAsync(rpPort, server.BaseUrl, client.ClientId, client.ClientSecret);
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var policies = new List<(string Url, string? Policy)>();
        page.Response += (_, response) =>
        {
            if (response.Request.IsNavigationRequest)
            {
                policies.Add((response.Url, response.Headers.GetValueOrDefault("content-security-policy")));
            }
        };

        // The app sends the visitor to Latchkey's sign-in page; the form's post ends (through /connect/authorize) at the app.
        await page.GotoAsync(rp.BaseUrl + "/");
        await page.WaitForURLAsync(server.BaseUrl + "/login?returnUrl=*");
        await page.GetByLabel("Email").FillAsync(account.Email!);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(rp.BaseUrl + "/");

        var loginPolicy = policies.First(p => p.Url.StartsWith(server.BaseUrl + "/login", StringComparison.Ordinal)).Policy;
        loginPolicy.ShouldNotBeNull().ShouldEndWith($"form-action 'self' {rp.BaseUrl}");
        var claims = await ClaimsAsync(page);
        claims["sub"].ShouldBe([account.Id.ToString()]);
        claims["email"].ShouldBe([account.Email!]);
        claims["email_verified"].ShouldBe(["true"]);
        claims["name"].ShouldBe([account.Email!]);
        claims["roles"].ShouldContain("Operator:example.org");
        output.WriteLine("Claims at the app: " + string.Join("; ", claims.Select(c => $"{c.Key}={string.Join(",", c.Value)}")));

        // Log out of all devices in Latchkey: the app hears of it on its back channel and drops its session.
        await page.GotoAsync(server.BaseUrl + "/account/security");
        var pressedAt = rp.Clock.Elapsed;
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out of all devices" }).ClickAsync();
        var deadline = pressedAt + TimeSpan.FromSeconds(5);
        while (rp.LogoutsReceived.IsEmpty && rp.Clock.Elapsed < deadline)
        {
            await Task.Delay(5);
        }

        rp.LogoutsRefused.ShouldBeEmpty();
        rp.LogoutsReceived.TryPeek(out var received).ShouldBeTrue("no logout token at the app within 5 s");
        received.Subject.ShouldBe(account.Id.ToString());
        // From the revocation (the owed token's row, written in the revoking transaction, before its commit) to the app.
        LogoutDelivery delivery;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
            var subject = account.Id.ToString();
            delivery = (await db.LogoutDeliveries.AsNoTracking().Where(d => d.Subject == subject).ToListAsync()).Single();
        }

        var revokedAt = delivery.CreatedAt;
        var delay = received.ReceivedAt - revokedAt;
        var fromPress = received.At - pressedAt;
        output.WriteLine($"Back-channel logout: the app had the logout token {delay.TotalMilliseconds:F0} ms after the revocation ({fromPress.TotalMilliseconds:F0} ms after the button was pressed); attempts {delivery.Attempts}, last error {delivery.LastError ?? "none"}.");
        Console.WriteLine($"Back-channel logout to a live app (browser test): {delay.TotalMilliseconds:F0} ms after the revocation, {fromPress.TotalMilliseconds:F0} ms after the button was pressed");
        delay.ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(1));

        await page.WaitForURLAsync(server.BaseUrl + "/login?signedOut=everywhere");
        await page.GotoAsync(rp.BaseUrl + "/");
        await page.WaitForURLAsync(server.BaseUrl + "/login?returnUrl=%2Fconnect%2Fauthorize*");
    }

    private static async Task<Dictionary<string, List<string>>> ClaimsAsync(IPage page)
    {
        var rows = page.Locator("#claims tr");
        var claims = new Dictionary<string, List<string>>();
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            var type = await rows.Nth(i).Locator("th").InnerTextAsync();
            var value = await rows.Nth(i).Locator("td").InnerTextAsync();
            if (!claims.TryGetValue(type, out var values))
            {
                claims[type] = values = [];
            }

            values.Add(value);
        }

        return claims;
    }
}
