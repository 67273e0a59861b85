using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.RegularExpressions;
using Latchkey.Core.Data;
using Latchkey.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Web.Tests.Authorization;

/// <summary>
/// Authorization is decided in the Core handlers (STYLE.md 17). These tests walk every API route and every page
/// handler the running host exposes: each must be listed in <see cref="RouteAccessMap"/> with its rule, and each
/// whose rule names someone to refuse is called as those people (and anonymously) and must refuse them, and as an
/// Administrator must not. Taking the check out of any handler a route reaches makes the walk fail, naming the route.
/// </summary>
public sealed partial class RouteAuthorizationTests(LatchkeyWebFactory factory) : IClassFixture<LatchkeyWebFactory>
{
    private const string Password = "Valid-Pass1";

    [Fact]
    public void EveryRouteAndPageHandler_IsListedWithItsRule()
    {
        using var client = factory.CreateClient();
        var exposed = ExposedKeys();
        var listed = RouteAccessMap.All.Select(r => r.Key).ToList();

        listed.Distinct(StringComparer.Ordinal).Count().ShouldBe(listed.Count, "a route is listed twice");
        exposed.Except(listed, StringComparer.Ordinal).ShouldBeEmpty("routes or page handlers without an access rule in RouteAccessMap");
        listed.Except(exposed, StringComparer.Ordinal).ShouldBeEmpty("RouteAccessMap lists routes the host does not expose");
    }

    [Fact]
    public async Task EveryCheckedRoute_RefusesTheWrongActorsAndLetsTheRightOneIn()
    {
        var domain = NewDomain();
        var other = NewDomain();
        var actors = new Dictionary<string, Caller>
        {
            ["anonymous"] = await CallerAsync(null),
            ["user"] = await CallerAsync(await factory.CreateAccountAsync($"user@{domain}", Password)),
            ["operator of another domain"] = await CallerAsync(await factory.CreateAccountAsync($"op@{other}", Password, Role.Operator, other)),
            ["manager of the domain"] = await CallerAsync(await factory.CreateAccountAsync($"mgr@{domain}", Password, Role.Manager, domain)),
            ["administrator"] = await CallerAsync(await factory.CreateAccountAsync($"admin@{NewDomain()}", Password, Role.Administrator)),
        };
        var wrong = new List<string>();

        foreach (var route in RouteAccessMap.All.Where(r => r.Rule != AccessRule.Anonymous))
        {
            var target = new ProbeTarget(domain, (await factory.CreateAccountAsync($"target-{Guid.NewGuid():N}@{domain}", null)).Id);
            foreach (var name in Refused(route.Rule))
            {
                var status = await SendAsync(actors[name], route, target);
                if (!IsRefusal(route, name, status))
                {
                    wrong.Add($"{route.Key} as {name}: {(int)status}, expected a refusal");
                }
            }

            if (route.Rule != AccessRule.Self)
            {
                var status = await SendAsync(actors["administrator"], route, target);
                if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden || (int)status >= 500)
                {
                    wrong.Add($"{route.Key} as administrator: {(int)status}, expected it to go through");
                }
            }
        }

        foreach (var caller in actors.Values)
        {
            caller.Client.Dispose();
        }

        wrong.ShouldBeEmpty();
    }

    private static string[] Refused(AccessRule rule) => rule switch
    {
        AccessRule.Self => ["anonymous"],
        AccessRule.Staff => ["anonymous", "user"],
        AccessRule.Account or AccessRule.Domain => ["anonymous", "user", "operator of another domain"],
        AccessRule.Administrator => ["anonymous", "user", "manager of the domain"],
        _ => [],
    };

    /// <summary>
    /// Anonymous: 401 from the API, the sign-in page for a page (or, at the OpenID Connect authorization page, the
    /// OpenID server's 400 for a request without its parameters). Others: 403, or 404 for a domain they have no role in.
    /// </summary>
    private static bool IsRefusal(RouteAccess route, string actor, HttpStatusCode status) => actor == "anonymous"
        ? status is HttpStatusCode.Unauthorized or HttpStatusCode.Redirect || (route.Key.StartsWith("PAGE /connect/", StringComparison.Ordinal) && status == HttpStatusCode.BadRequest)
        : status == HttpStatusCode.Forbidden || (route.Rule == AccessRule.Domain && status == HttpStatusCode.NotFound);

    private static async Task<HttpStatusCode> SendAsync(Caller caller, RouteAccess route, ProbeTarget target)
    {
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Url(target));
        if (route.Form is not null)
        {
            var fields = route.Form(target);
            fields["__RequestVerificationToken"] = caller.Antiforgery;
            request.Content = new FormUrlEncodedContent(fields);
        }
        else if (route.IsPage && route.Method == "POST")
        {
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = caller.Antiforgery });
        }
        else if (route.Json is not null)
        {
            request.Content = JsonContent.Create(route.Json(target));
        }

        using var response = await caller.Client.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.Redirect && caller.Anonymous)
        {
            response.Headers.Location!.OriginalString.ShouldStartWith("/login", Case.Insensitive, $"{route.Key} sends the anonymous caller elsewhere");
        }

        return response.StatusCode;
    }

    private async Task<Caller> CallerAsync(Account? account)
    {
        var client = account is null
            ? factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
            : await factory.SignedInClientAsync(account.Email!, Password);
        var page = await HtmlForms.ParseAsync(await client.GetAsync(account is null ? "/login" : "/account/security"));
        var token = page.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value") ?? throw new InvalidOperationException("No antiforgery token.");
        return new Caller(client, token, account is null);
    }

    /// <summary>Every <c>METHOD /route</c> of the API and every <c>PAGE /route METHOD Handler</c> the host exposes.</summary>
    private List<string> ExposedKeys()
    {
        var keys = new List<string>();
        foreach (var endpoint in factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is { } page)
            {
                keys.AddRange(PageHandlers(page.ViewEnginePath).Select(h => $"PAGE {route} {h}"));
                continue;
            }

            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
            {
                keys.Add($"{method} {route}");
            }
        }

        return keys;
    }

    /// <summary>The page model's handlers, as <c>GET</c>, <c>POST Disable</c> …, from its <c>On…</c> methods.</summary>
    private static IEnumerable<string> PageHandlers(string viewEnginePath)
    {
        var typeName = "Latchkey.Pages" + viewEnginePath.Replace('/', '.') + "Model";
        if (typeof(Program).Assembly.GetType(typeName) is not { } model)
        {
            return ["GET"];
        }

        return model.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Select(m => HandlerName().Match(m.Name))
            .Where(m => m.Success && typeof(PageModel).IsAssignableFrom(model))
            .Select(m => (m.Groups[1].Value.ToUpperInvariant() + " " + m.Groups[2].Value).TrimEnd())
            .Distinct(StringComparer.Ordinal);
    }

    private static string NewDomain() => $"d{Guid.NewGuid():N}.test";

    [GeneratedRegex("^On(Get|Post|Put|Delete)(\\w*?)(?:Async)?$")]
    private static partial Regex HandlerName();

    private sealed record Caller(HttpClient Client, string Antiforgery, bool Anonymous);
}
