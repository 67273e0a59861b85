using System.Net;
using System.Text;
using Latchkey.Browser.Tests.Infrastructure;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Browser.Tests.Hosting;

/// <summary>
/// Issue 14, finding 1, as the reviewer did it: a page on another port of 127.0.0.1 (same site, so SameSite=Lax
/// sends the session cookie) posts a form and a no-cors fetch at body-less API endpoints of a signed-in admin.
/// </summary>
public sealed class CrossSiteRequestTests(Chromium chromium) : IClassFixture<Chromium>
{
    private const string Password = "Valid-Pass1";

    [Fact]
    public async Task PageOnAnotherPort_PostsTextPlainAndFormToTheApi_NothingChanges()
    {
        using var server = new LiveServer();
        await server.CreateAccountAsync("root@corp.example", Password, Role.Administrator);
        var victim = await server.CreateAccountAsync("victim@corp.example", Password);
        using var attacker = AttackerSite.Start(server.BaseUrl, victim.Id);
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserSignIn.SignInAsync(page, server.BaseUrl, "root@corp.example", Password);

        await page.GotoAsync(attacker.BaseUrl + "/text-plain");
        await page.WaitForURLAsync($"{server.BaseUrl}/api/v1/accounts/{victim.Id}/disable");
        var textPlain = await page.ContentAsync();
        await page.GotoAsync(attacker.BaseUrl + "/form");
        await page.WaitForURLAsync($"{server.BaseUrl}/api/v1/me/sessions/revoke-all");
        var form = await page.ContentAsync();
        await page.GotoAsync(attacker.BaseUrl + "/blank");
        var fetched = await page.EvaluateAsync<string>(
            "async url => { try { await fetch(url, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'Content-Type': 'text/plain' }, body: '{}' }); return 'sent'; } catch (e) { return 'error'; } }",
            $"{server.BaseUrl}/api/v1/accounts/{victim.Id}/disable");

        textPlain.ShouldContain("cross_origin");
        form.ShouldContain("cross_origin");
        fetched.ShouldBe("sent");
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
            (await db.Users.AsNoTracking().SingleAsync(a => a.Id == victim.Id)).Disabled.ShouldBeFalse();
        }

        await page.GotoAsync(server.BaseUrl + "/account/security");
        page.Url.ShouldBe(server.BaseUrl + "/account/security");
    }

    /// <summary>The attacker's pages, served by an HttpListener on a free port of 127.0.0.1.</summary>
    private sealed class AttackerSite : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly string _target;
        private readonly Guid _victim;

        private AttackerSite(string target, Guid victim, int port)
        {
            _target = target;
            _victim = victim;
            BaseUrl = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Add(BaseUrl + "/");
        }

        public string BaseUrl { get; }

        public static AttackerSite Start(string target, Guid victim)
        {
            using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var site = new AttackerSite(target, victim, port);
            site._listener.Start();
            _ = site.ServeAsync();
            return site;
        }

        public void Dispose() => _listener.Close();

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                var html = context.Request.Url!.AbsolutePath switch
                {
                    "/text-plain" => AutoSubmit($"{_target}/api/v1/accounts/{_victim}/disable", "text/plain"),
                    "/form" => AutoSubmit($"{_target}/api/v1/me/sessions/revoke-all", "application/x-www-form-urlencoded"),
                    _ => "<!DOCTYPE html><title>blank</title>",
                };
                var bytes = Encoding.UTF8.GetBytes(html);
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        }

        private static string AutoSubmit(string action, string enctype) =>
            $"<!DOCTYPE html><title>win a prize</title><form method=\"post\" action=\"{action}\" enctype=\"{enctype}\">"
            + "<input name=\"includeCurrent\" value=\"true\"></form><script>document.forms[0].submit()</script>";
    }
}
