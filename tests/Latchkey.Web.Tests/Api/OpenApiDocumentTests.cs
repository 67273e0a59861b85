using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Latchkey.Core.Data;
using Latchkey.Tests.Infrastructure;
using Latchkey.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Web.Tests.Api;

/// <summary>
/// <c>/openapi/v1.json</c> describes every answer: each mapped <c>/api/v1</c> route is in it, each 2xx answer but 204
/// has a schema, and a walk over every route (a success and the cheap failures) finds each observed status declared
/// for its operation.
/// </summary>
public sealed partial class OpenApiDocumentTests(LatchkeyWebFactory factory) : IClassFixture<LatchkeyWebFactory>
{
    private const string Password = "Valid-Pass1";
    private static readonly string[] _accountScope = ["account"];
    private static readonly string[] _unknownScope = ["everything"];

    /// <summary>Answers that carry no body by design, beside 204: the reset request is answered before any work.</summary>
    private static readonly HashSet<string> _bodilessSuccesses = ["POST /api/v1/password-resets 202"];

    [Fact]
    public async Task Document_ListsEveryMappedApiRoute()
    {
        var document = await DocumentAsync();

        var missing = new List<string>();
        foreach (var (method, path) in MappedApiRoutes())
        {
            if (!document.GetProperty("paths").TryGetProperty(path, out var item) || !item.TryGetProperty(method.ToLowerInvariant(), out _))
            {
                missing.Add($"{method} {path}");
            }
        }

        MappedApiRoutes().Count.ShouldBeGreaterThan(40);
        missing.ShouldBeEmpty("mapped routes missing from /openapi/v1.json");
    }

    [Fact]
    public async Task Document_EverySuccessAnswerHasASchema_ProblemsAreProblemJson()
    {
        var document = await DocumentAsync();

        var wrong = new List<string>();
        foreach (var (name, operation) in Operations(document))
        {
            foreach (var response in operation.GetProperty("responses").EnumerateObject())
            {
                var hasSchema = response.Value.TryGetProperty("content", out var content)
                    && content.EnumerateObject().Any(media => media.Value.TryGetProperty("schema", out _));
                if (response.Name.StartsWith('2') && response.Name != "204" && !hasSchema && !_bodilessSuccesses.Contains($"{name} {response.Name}"))
                {
                    wrong.Add($"{name} {response.Name}: no schema");
                }

                if (response.Name[0] is '4' or '5' && (!hasSchema || !content.TryGetProperty("application/problem+json", out _)))
                {
                    wrong.Add($"{name} {response.Name}: not an application/problem+json schema");
                }
            }
        }

        wrong.ShouldBeEmpty();
    }

    [Fact]
    public async Task Document_SecuritySchemes_CookieAndBearerWithTheirScopes()
    {
        var document = await DocumentAsync();

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        schemes.GetProperty("sessionCookie").GetProperty("in").GetString().ShouldBe("cookie");
        schemes.GetProperty("sessionCookie").GetProperty("name").GetString().ShouldBe("latchkey_session");
        schemes.GetProperty("apiToken").GetProperty("scheme").GetString().ShouldBe("bearer");
        var accounts = document.GetProperty("paths").GetProperty("/api/v1/accounts").GetProperty("get").GetProperty("security").ToString();
        accounts.ShouldContain("sessionCookie");
        accounts.ShouldContain("accounts:read");
        document.GetProperty("paths").GetProperty("/api/v1/tokens").GetProperty("post").GetProperty("security").ToString().ShouldNotContain("apiToken");
        document.GetProperty("paths").GetProperty("/api/v1/session").GetProperty("post").TryGetProperty("security", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Walk_EveryObservedStatusIsDeclaredForItsOperation()
    {
        var document = await DocumentAsync();
        var walk = new Walk(document);
        var admin = await factory.CreateAccountAsync(UniqueEmail.New(), Password, Role.Administrator);
        var user = await factory.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);
        var target = await factory.CreateAccountAsync(UniqueEmail.New(domain: "example.org"), Password);
        using var anonymous = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var staff = await factory.SignedInClientAsync(admin.Email!, Password);
        using var client = await factory.SignedInClientAsync(user.Email!, Password);
        var unknown = Guid.NewGuid();

        await SessionsAsync(walk, anonymous, user);
        await MeAsync(walk, client, unknown);
        await PasswordsAsync(walk, anonymous, client);
        await AccountsAsync(walk, staff, client, target.Id, unknown);
        await DomainsAndAuditAsync(walk, staff);
        await TwoFactorAsync(walk, anonymous, staff, client, target.Id);
        await TokensAsync(walk, staff, client, admin, target.Id, unknown);
        walk.Observe("POST /dovecot/policy", await anonymous.PostAsJsonAsync("/dovecot/policy?command=allow", new { }));

        walk.Observed.ShouldBeGreaterThan(70);
        walk.Undeclared.ShouldBeEmpty("statuses answered but not declared in /openapi/v1.json");
    }

    private static async Task SessionsAsync(Walk walk, HttpClient anonymous, Account user)
    {
        walk.Observe("POST /api/v1/session", await anonymous.PostAsJsonAsync("/api/v1/session", new { email = user.Email, password = "Wrong-Pass1" }));
        walk.Observe("POST /api/v1/session", await anonymous.PostAsJsonAsync("/api/v1/session", new { email = user.Email }));
        walk.Observe("POST /api/v1/session", await anonymous.PostAsync("/api/v1/session", new StringContent("email=x", Encoding.UTF8, "text/plain")));
        using (var crossOrigin = new HttpRequestMessage(HttpMethod.Post, "/api/v1/session") { Content = JsonContent.Create(new { }) })
        {
            crossOrigin.Headers.Add("Origin", "http://attacker.example");
            walk.Observe("POST /api/v1/session", await anonymous.SendAsync(crossOrigin));
        }

        walk.Observe("POST /api/v1/session", await anonymous.PostAsync("/api/v1/session", new StringContent("{", Encoding.UTF8, "application/json")));
        walk.Observe("POST /api/v1/session", await anonymous.PostAsync("/api/v1/session", new StringContent(new string(' ', 70 * 1024), Encoding.UTF8, "application/json")));
        walk.Observe("POST /api/v1/session", await anonymous.PostAsJsonAsync("/api/v1/session", new { email = user.Email, password = Password }));
        walk.Observe("DELETE /api/v1/session", await anonymous.DeleteAsync("/api/v1/session"));
        walk.Observe("POST /api/v1/session/two-factor", await anonymous.PostAsJsonAsync("/api/v1/session/two-factor", new { }));
        walk.Observe("POST /api/v1/session/two-factor", await anonymous.PostAsJsonAsync("/api/v1/session/two-factor", new { challenge = "nope", code = "123456" }));
        walk.Observe("GET /api/v1/me", await anonymous.GetAsync("/api/v1/me"));
        walk.Observe("POST /dovecot/policy", await anonymous.PostAsJsonAsync("/dovecot/policy?command=report", new { }));
    }

    private static async Task MeAsync(Walk walk, HttpClient client, Guid unknown)
    {
        walk.Observe("GET /api/v1/me", await client.GetAsync("/api/v1/me"));
        walk.Observe("PUT /api/v1/me/language", await client.PutAsJsonAsync("/api/v1/me/language", new { language = "de" }));
        walk.Observe("PUT /api/v1/me/language", await client.PutAsJsonAsync("/api/v1/me/language", new { language = "xx" }));
        walk.Observe("GET /api/v1/me/sessions", await client.GetAsync("/api/v1/me/sessions"));
        walk.Observe("DELETE /api/v1/me/sessions/{id}", await client.DeleteAsync($"/api/v1/me/sessions/{unknown}"));
        walk.Observe("POST /api/v1/me/sessions/revoke-all", await client.PostAsJsonAsync("/api/v1/me/sessions/revoke-all", new { }));
        walk.Observe("GET /api/v1/me/app-passwords", await client.GetAsync("/api/v1/me/app-passwords"));
        walk.Observe("POST /api/v1/me/app-passwords", await client.PostAsJsonAsync("/api/v1/me/app-passwords", new { name = "phone" }));
        walk.Observe("DELETE /api/v1/me/app-passwords/{id}", await client.DeleteAsync($"/api/v1/me/app-passwords/{unknown}"));
        walk.Observe("GET /api/v1/me/two-factor", await client.GetAsync("/api/v1/me/two-factor"));
    }

    private static async Task PasswordsAsync(Walk walk, HttpClient anonymous, HttpClient client)
    {
        walk.Observe("POST /api/v1/me/password", await client.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = "Wrong-Pass1", newPassword = "Other-Pass12", confirmPassword = "Other-Pass12" }));
        walk.Observe("POST /api/v1/me/password", await client.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = Password, newPassword = "Other-Pass12", confirmPassword = "Other-Pass13" }));
        walk.Observe("GET /api/v1/password-policy", await anonymous.GetAsync("/api/v1/password-policy?email=a@example.org"));
        walk.Observe("POST /api/v1/passwords/check", await anonymous.PostAsJsonAsync("/api/v1/passwords/check", new { password = "abc" }));
        walk.Observe("POST /api/v1/passwords/check", await anonymous.PostAsJsonAsync("/api/v1/passwords/check", new { }));
        walk.Observe("POST /api/v1/passwords/generate", await anonymous.PostAsJsonAsync("/api/v1/passwords/generate", new { }));
        walk.Observe("POST /api/v1/passwords/generate", await anonymous.PostAsJsonAsync("/api/v1/passwords/generate", new { length = 3 }));
        walk.Observe("POST /api/v1/password-resets", await anonymous.PostAsJsonAsync("/api/v1/password-resets", new { email = "nobody@example.org" }));
        walk.Observe("POST /api/v1/password-resets/confirm", await anonymous.PostAsJsonAsync("/api/v1/password-resets/confirm", new { token = "bad", newPassword = "x", confirmPassword = "x" }));
    }

    private static async Task AccountsAsync(Walk walk, HttpClient staff, HttpClient client, Guid target, Guid unknown)
    {
        walk.Observe("GET /api/v1/accounts", await staff.GetAsync("/api/v1/accounts"));
        walk.Observe("GET /api/v1/accounts", await staff.GetAsync("/api/v1/accounts?locked=maybe"));
        walk.Observe("GET /api/v1/accounts", await client.GetAsync("/api/v1/accounts"));
        var email = UniqueEmail.New();
        walk.Observe("POST /api/v1/accounts", await staff.PostAsJsonAsync("/api/v1/accounts", new { email, role = "User", generate = true }));
        walk.Observe("POST /api/v1/accounts", await staff.PostAsJsonAsync("/api/v1/accounts", new { email, role = "User", generate = true }));
        walk.Observe("POST /api/v1/accounts", await staff.PostAsJsonAsync("/api/v1/accounts", new { email, role = "King" }));
        walk.Observe("GET /api/v1/accounts/{id}", await staff.GetAsync($"/api/v1/accounts/{target}"));
        walk.Observe("GET /api/v1/accounts/{id}", await staff.GetAsync($"/api/v1/accounts/{unknown}"));
        walk.Observe("POST /api/v1/accounts/{id}/password", await staff.PostAsJsonAsync($"/api/v1/accounts/{target}/password", new { generate = true }));
        walk.Observe("POST /api/v1/accounts/{id}/password", await staff.PostAsJsonAsync($"/api/v1/accounts/{target}/password", new { newPassword = "Reset-Pass-42" }));
        walk.Observe("POST /api/v1/accounts/{id}/password", await staff.PostAsJsonAsync($"/api/v1/accounts/{unknown}/password", new { generate = true }));
        walk.Observe("POST /api/v1/accounts/{id}/roles", await staff.PostAsJsonAsync($"/api/v1/accounts/{target}/roles", new { role = "Operator", domain = "example.org" }));
        walk.Observe("POST /api/v1/accounts/{id}/roles", await staff.PostAsJsonAsync($"/api/v1/accounts/{target}/roles", new { role = "King" }));
        walk.Observe("DELETE /api/v1/accounts/{id}/roles", await staff.DeleteAsync($"/api/v1/accounts/{target}/roles?role=Operator&domain=example.org"));
        walk.Observe("DELETE /api/v1/accounts/{id}/roles", await staff.DeleteAsync($"/api/v1/accounts/{unknown}/roles?role=Operator&domain=example.org"));
        walk.Observe("POST /api/v1/accounts/{id}/sessions/revoke-all", await staff.PostAsJsonAsync($"/api/v1/accounts/{target}/sessions/revoke-all", new { }));
        walk.Observe("POST /api/v1/accounts/{id}/sessions/revoke-all", await client.PostAsJsonAsync($"/api/v1/accounts/{target}/sessions/revoke-all", new { }));
        walk.Observe("POST /api/v1/accounts/{id}/disable", await staff.PostAsJsonAsync($"/api/v1/accounts/{target}/disable", new { }));
        walk.Observe("POST /api/v1/accounts/{id}/enable", await staff.PostAsJsonAsync($"/api/v1/accounts/{target}/enable", new { }));
        walk.Observe("POST /api/v1/accounts/{id}/enable", await staff.PostAsJsonAsync($"/api/v1/accounts/{unknown}/enable", new { }));
        walk.Observe("POST /api/v1/accounts/{id}/unlock", await staff.PostAsJsonAsync($"/api/v1/accounts/{target}/unlock", new { }));
        walk.Observe("POST /api/v1/accounts/{id}/unlock", await staff.PostAsJsonAsync($"/api/v1/accounts/{unknown}/unlock", new { }));
        walk.Observe("GET /api/v1/accounts/{id}/lockout", await staff.GetAsync($"/api/v1/accounts/{target}/lockout"));
        walk.Observe("GET /api/v1/accounts/{id}/lockout", await staff.GetAsync($"/api/v1/accounts/{unknown}/lockout"));
    }

    private static async Task DomainsAndAuditAsync(Walk walk, HttpClient staff)
    {
        var domain = "d" + Guid.NewGuid().ToString("N")[..10] + ".example";
        walk.Observe("GET /api/v1/domains", await staff.GetAsync("/api/v1/domains"));
        walk.Observe("POST /api/v1/domains", await staff.PostAsJsonAsync("/api/v1/domains", new { name = domain }));
        walk.Observe("POST /api/v1/domains", await staff.PostAsJsonAsync("/api/v1/domains", new { name = domain }));
        walk.Observe("POST /api/v1/domains", await staff.PostAsJsonAsync("/api/v1/domains", new { name = "not a domain" }));
        walk.Observe("GET /api/v1/domains/{name}/password-policy", await staff.GetAsync($"/api/v1/domains/{domain}/password-policy"));
        walk.Observe("GET /api/v1/domains/{name}/password-policy", await staff.GetAsync("/api/v1/domains/unknown.invalid/password-policy"));
        walk.Observe("PUT /api/v1/domains/{name}/password-policy", await staff.PutAsJsonAsync($"/api/v1/domains/{domain}/password-policy", new { preset = "nist-800-63b" }));
        walk.Observe("PUT /api/v1/domains/{name}/password-policy", await staff.PutAsJsonAsync($"/api/v1/domains/{domain}/password-policy", new { preset = "weak" }));
        walk.Observe("GET /api/v1/domains/{name}/two-factor-policy", await staff.GetAsync($"/api/v1/domains/{domain}/two-factor-policy"));
        walk.Observe("PUT /api/v1/domains/{name}/two-factor-policy", await staff.PutAsJsonAsync($"/api/v1/domains/{domain}/two-factor-policy", new { require = "nobody", graceSignIns = 0, mailNeedsAppPassword = true }));
        walk.Observe("PUT /api/v1/domains/{name}/two-factor-policy", await staff.PutAsJsonAsync($"/api/v1/domains/{domain}/two-factor-policy", new { require = "sometimes" }));
        walk.Observe("GET /api/v1/audit", await staff.GetAsync("/api/v1/audit"));
        walk.Observe("GET /api/v1/audit", await staff.GetAsync("/api/v1/audit?page=zero"));
        walk.Observe("GET /api/v1/audit/export", await staff.GetAsync("/api/v1/audit/export?format=csv"));
        walk.Observe("GET /api/v1/audit/export", await staff.GetAsync("/api/v1/audit/export?format=xml"));
    }

    private static async Task TwoFactorAsync(Walk walk, HttpClient anonymous, HttpClient staff, HttpClient client, Guid target)
    {
        walk.Observe("POST /api/v1/me/two-factor/totp/confirm", await client.PostAsJsonAsync("/api/v1/me/two-factor/totp/confirm", new { code = "000000" }));
        walk.Observe("POST /api/v1/me/two-factor/totp", await client.PostAsJsonAsync("/api/v1/me/two-factor/totp", new { }));
        walk.Observe("POST /api/v1/me/two-factor/totp/confirm", await client.PostAsJsonAsync("/api/v1/me/two-factor/totp/confirm", new { code = "000000" }));
        walk.Observe("DELETE /api/v1/me/two-factor/totp", await client.DeleteAsync("/api/v1/me/two-factor/totp"));
        walk.Observe("POST /api/v1/me/two-factor/recovery-codes", await client.PostAsJsonAsync("/api/v1/me/two-factor/recovery-codes", new { }));
        walk.Observe("POST /api/v1/me/step-up", await client.PostAsJsonAsync("/api/v1/me/step-up", new { code = "000000" }));
        walk.Observe("POST /api/v1/me/step-up/passkey/options", await client.PostAsJsonAsync("/api/v1/me/step-up/passkey/options", new { }));
        walk.Observe("POST /api/v1/me/step-up/passkey", await client.PostAsJsonAsync("/api/v1/me/step-up/passkey", new { }));
        walk.Observe("PATCH /api/v1/me/passkeys/{id}", await client.PatchAsJsonAsync($"/api/v1/me/passkeys/{Guid.NewGuid()}", new { name = "Laptop" }));
        walk.Observe("PATCH /api/v1/me/passkeys/{id}", await client.PatchAsJsonAsync($"/api/v1/me/passkeys/{Guid.NewGuid()}", new { name = " " }));
        walk.Observe("POST /api/v1/accounts/{id}/two-factor/reset", await staff.PostAsJsonAsync($"/api/v1/accounts/{target}/two-factor/reset", new { }));
        walk.Observe("POST /api/v1/accounts/{id}/two-factor/reset", await anonymous.PostAsJsonAsync($"/api/v1/accounts/{target}/two-factor/reset", new { }));
    }

    private async Task TokensAsync(Walk walk, HttpClient staff, HttpClient client, Account admin, Guid target, Guid unknown)
    {
        var created = await client.PostAsJsonAsync("/api/v1/tokens", new { name = "script", scopes = _accountScope });
        var createdBody = await created.Content.ReadFromJsonAsync<JsonElement>();
        walk.Observe("POST /api/v1/tokens", created);
        walk.Observe("POST /api/v1/tokens", await client.PostAsJsonAsync("/api/v1/tokens", new { name = "script", scopes = _unknownScope }));
        walk.Observe("GET /api/v1/tokens", await client.GetAsync("/api/v1/tokens"));
        walk.Observe("DELETE /api/v1/tokens/{id}", await client.DeleteAsync($"/api/v1/tokens/{unknown}"));
        walk.Observe("GET /api/v1/accounts/{id}/tokens", await staff.GetAsync($"/api/v1/accounts/{target}/tokens"));
        walk.Observe("GET /api/v1/accounts/{id}/tokens", await staff.GetAsync($"/api/v1/accounts/{unknown}/tokens"));
        walk.Observe("DELETE /api/v1/accounts/{id}/tokens/{tokenId}", await staff.DeleteAsync($"/api/v1/accounts/{target}/tokens/{unknown}"));
        var token = createdBody.GetProperty("token").GetString()!;
        using var bearer = factory.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        walk.Observe("GET /api/v1/accounts", await bearer.GetAsync("/api/v1/accounts"));
        walk.Observe("POST /api/v1/tokens", await bearer.PostAsJsonAsync("/api/v1/tokens", new { name = "again", scopes = _accountScope }));
        walk.Observe("DELETE /api/v1/tokens/{id}", await client.DeleteAsync($"/api/v1/tokens/{createdBody.GetProperty("id").GetGuid()}"));
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "lk_" + admin.Id.ToString("N"));
        walk.Observe("GET /api/v1/me", await bearer.GetAsync("/api/v1/me"));
        walk.Observe("DELETE /api/v1/session", await client.DeleteAsync("/api/v1/session"));
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = factory.CreateClient();
        return await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
    }

    /// <summary>Every (method, path) the app maps under /api/v1, with route constraints dropped as OpenAPI writes them.</summary>
    private List<(string Method, string Path)> MappedApiRoutes() =>
        [.. factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (m, Constraint().Replace(e.RoutePattern.RawText!, "}"))))
            .Distinct()];

    private static IEnumerable<(string Name, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(op => op.Name is "get" or "put" or "post" or "delete" or "patch")
            .Select(op => ($"{op.Name.ToUpperInvariant()} {path.Name}", op.Value)));

    [GeneratedRegex(@":[^}]+\}")]
    private static partial Regex Constraint();

    /// <summary>Collects each observed (operation, status) and those the document does not declare.</summary>
    private sealed class Walk(JsonElement document)
    {
        public List<string> Undeclared { get; } = [];

        public int Observed { get; private set; }

        public void Observe(string operation, HttpResponseMessage response)
        {
            using (response)
            {
                Observed++;
                var (method, path) = (operation.Split(' ')[0].ToLowerInvariant(), operation.Split(' ')[1]);
                var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var declared = document.GetProperty("paths").TryGetProperty(path, out var item)
                    && item.TryGetProperty(method, out var op)
                    && op.GetProperty("responses").TryGetProperty(status, out _);
                if (!declared)
                {
                    Undeclared.Add($"{operation} answered {status}");
                }
            }
        }
    }
}
